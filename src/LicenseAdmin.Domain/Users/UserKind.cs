namespace LicenseAdmin.Domain.Users;

public enum UserKind
{
    User = 0,
    SharedMailbox = 1,
    RoomMailbox = 2,
    EquipmentMailbox = 3,
}
