namespace LicenseAdmin.Web.Localization;

/// <summary>
/// The UI's strings. Keys are the English text, so English needs no resource file and an untranslated
/// key still reads well; Danish lives in Resources/Localization.Strings.da.resx.
/// </summary>
public sealed class Strings;
