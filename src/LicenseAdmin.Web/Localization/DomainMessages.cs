namespace LicenseAdmin.Web.Localization;

/// <summary>
/// The sentences of the domain and the services. Keys are their English templates (with {Name} holes), so English
/// needs no resource file; Danish lives in Resources/Localization/DomainMessages.da.resx.
/// </summary>
public sealed class DomainMessages;
