using Microsoft.OData.Edm;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// A small EDM model of Graph's user, only so Microsoft.OData.Core's URI parser can parse <c>$filter</c>,
/// <c>$select</c> and <c>$orderby</c> the way Graph does; what is supported is decided in <see cref="GraphUserQueryParser"/>.
/// </summary>
public static class GraphUserModel
{
    public static readonly IEdmModel Model;
    public static readonly IEdmEntityType User;
    public static readonly IEdmEntitySet Users;

    /// <summary>The user properties a response can carry, as <c>$select</c> names them.</summary>
    public static readonly IReadOnlyList<string> Properties =
    [
        "id", "displayName", "givenName", "surname", "userPrincipalName", "mail", "mailNickname", "accountEnabled", "usageLocation",
        "department", "jobTitle", "createdDateTime", "deletedDateTime", "assignedLicenses", "assignedPlans", "licenseAssignmentStates",
    ];

    static GraphUserModel()
    {
        var model = new EdmModel();
        var assignedLicense = new EdmComplexType("microsoft.graph", "assignedLicense");
        assignedLicense.AddStructuralProperty("skuId", EdmPrimitiveTypeKind.Guid);
        assignedLicense.AddStructuralProperty("disabledPlans", new EdmCollectionTypeReference(new EdmCollectionType(EdmCoreModel.Instance.GetGuid(false))));
        model.AddElement(assignedLicense);
        var assignedPlan = new EdmComplexType("microsoft.graph", "assignedPlan");
        assignedPlan.AddStructuralProperty("servicePlanId", EdmPrimitiveTypeKind.Guid);
        model.AddElement(assignedPlan);
        var state = new EdmComplexType("microsoft.graph", "licenseAssignmentState");
        state.AddStructuralProperty("skuId", EdmPrimitiveTypeKind.Guid);
        model.AddElement(state);

        var user = new EdmEntityType("microsoft.graph", "user");
        user.AddKeys(user.AddStructuralProperty("id", EdmPrimitiveTypeKind.String));
        foreach (var text in new[] { "displayName", "givenName", "surname", "userPrincipalName", "mail", "mailNickname", "usageLocation", "department", "jobTitle" })
            user.AddStructuralProperty(text, EdmPrimitiveTypeKind.String);
        user.AddStructuralProperty("accountEnabled", EdmPrimitiveTypeKind.Boolean);
        user.AddStructuralProperty("createdDateTime", EdmPrimitiveTypeKind.DateTimeOffset);
        user.AddStructuralProperty("deletedDateTime", EdmPrimitiveTypeKind.DateTimeOffset);
        user.AddStructuralProperty("assignedLicenses", new EdmCollectionTypeReference(new EdmCollectionType(new EdmComplexTypeReference(assignedLicense, false))));
        user.AddStructuralProperty("assignedPlans", new EdmCollectionTypeReference(new EdmCollectionType(new EdmComplexTypeReference(assignedPlan, false))));
        user.AddStructuralProperty("licenseAssignmentStates", new EdmCollectionTypeReference(new EdmCollectionType(new EdmComplexTypeReference(state, false))));
        model.AddElement(user);
        var container = new EdmEntityContainer("microsoft.graph", "GraphService");
        model.AddElement(container);
        Users = container.AddEntitySet("users", user);
        User = user;
        Model = model;
    }
}
