using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Groups;

/// <summary>How one user holds one product through groups: the groups' names, the plans all of them turn off, and whether an admin also gave it directly.</summary>
public sealed record InheritedPart(IReadOnlyList<string> Groups, IReadOnlySet<Guid> DisabledPlanIds, bool AlsoDirect);

/// <summary>Per user, per product, the part of their licenses that comes from groups; users without any are left out.</summary>
public sealed class Inheritance(IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, InheritedPart>> byUser)
{
    public static readonly Inheritance None = new(new Dictionary<Guid, IReadOnlyDictionary<Guid, InheritedPart>>());

    public IReadOnlyDictionary<Guid, InheritedPart>? Of(Guid userId) => byUser.TryGetValue(userId, out var parts) ? parts : null;
}

/// <summary>A license whose direct part a change removed while its inherited part stays, with the sentence that says so.</summary>
public sealed record KeptLicense(Guid ProductId, DomainMessage Reason);

/// <summary>
/// An inherited license is changed on its group, never on the user (docs/product-rules.md, "Groups"). A direct change
/// (user panel, bulk, API) that takes away a product the user holds both directly and from groups removes the direct
/// part only: the license stays with the groups' plans, keeps its seat, and the admin is told which groups it comes
/// from ("Office 365 E3 stays: it is inherited from the group Sales."). A change that would remove a product the user
/// holds only from groups, or change an inherited license's plans, is refused with the groups it comes from. Adding a
/// product the user does not hold, or changing a license that is direct only, stays allowed. Called by the
/// <see cref="LicensePlanner"/> for each user a change names, before the user's plan is built.
/// </summary>
public static class InheritedLicenseRule
{
    /// <summary>
    /// The user's final licenses with inherited parts kept; what was kept goes to <paramref name="kept"/>, what is
    /// refused to <paramref name="violations"/>.
    /// </summary>
    public static Dictionary<Guid, IReadOnlySet<Guid>> Apply(
        UserLicenseState user, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> current, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> final,
        IReadOnlyDictionary<Guid, InheritedPart> inherited, LicensingCatalog catalog, List<Violation> violations, out IReadOnlyList<KeptLicense> kept)
    {
        var result = new Dictionary<Guid, IReadOnlySet<Guid>>(final);
        var keptList = new List<KeptLicense>();
        foreach (var (productId, part) in inherited)
        {
            if (!current.TryGetValue(productId, out var now) || !catalog.TryGetProduct(productId, out var product)) continue;
            if (!final.TryGetValue(productId, out var wanted))
            {
                if (part.AlsoDirect)
                {
                    result[productId] = part.DisabledPlanIds;
                    keptList.Add(new KeptLicense(productId, Stays(user, product, part.Groups)));
                }
                else
                {
                    violations.Add(ViolationMessages.Inherited(user.UserId, user.UserPrincipalName, product, part.Groups));
                }
            }
            else if (!ReferenceEquals(now, wanted) && !now.SetEquals(wanted))
            {
                violations.Add(ViolationMessages.Inherited(user.UserId, user.UserPrincipalName, product, part.Groups));
            }
        }
        kept = keptList;
        return result;
    }

    /// <summary>"{User}: Office 365 E3 stays: it is inherited from the group Sales."</summary>
    public static DomainMessage Stays(UserLicenseState user, ProductInfo product, IEnumerable<string> groups) =>
        new("InheritedLicenseStays", "{User}: {Product} stays: it is inherited from the group {Groups}.",
            new { User = user.UserPrincipalName, Product = product.DisplayName, Groups = string.Join(", ", groups) });
}
