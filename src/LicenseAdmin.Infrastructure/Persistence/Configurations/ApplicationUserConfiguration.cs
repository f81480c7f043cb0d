using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenseAdmin.Infrastructure.Persistence.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.HasIndex(a => a.DirectoryUserId).IsUnique();
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(a => a.DirectoryUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
