using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using LicenseAdmin.Domain;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Users.Import;

namespace LicenseAdmin.Web.CommandLine;

/// <summary>
/// <c>import-users &lt;file.csv&gt; --tenant contoso.com --as admin@contoso.com [--products E3,...] [--disable-plans ...]
/// [--passwords out.csv] [--dry-run]</c>: the same <see cref="UserImportService"/> as the Active users dialog, acting
/// as the named admin (their role is checked and the import is audited under their name).
/// </summary>
internal static class ImportUsersCommand
{
    public const string Verb = "import-users";

    /// <summary>The options that take a value; the host's configuration never sees them.</summary>
    public static readonly string[] ValueOptions = ["--tenant", "--as", "--products", "--disable-plans", "--passwords"];

    public const string Usage = """
          import-users <file.csv> --tenant <domain> --as <admin username> [--products <part numbers or names>]
                       [--disable-plans <plans>] [--passwords <out.csv>] [--dry-run]
                                      Add every user of the file (the Add multiple users template), all or none.
                                      --products and --disable-plans take comma-separated lists; --passwords creates
                                      sign-in accounts and writes their one-time passwords to that file; --dry-run
                                      checks the file and the seats and writes nothing.
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync(problem);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        try
        {
            await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            var import = provider.GetRequiredService<UserImportService>();
            var caller = await import.CommandLineCallerAsync(options.Tenant, options.Admin, CancellationToken.None);
            if (caller is null)
            {
                await error.WriteLineAsync($"There is no active user {options.Admin} in an organisation with the domain {options.Tenant}.");
                return 1;
            }

            var products = await import.ProductsNamedAsync(caller, options.Products, options.DisabledPlans, CancellationToken.None);
            var importOptions = new UserImportOptions(products, CreatePasswords: options.PasswordsFile is not null);
            if (!File.Exists(options.File))
            {
                await error.WriteLineAsync($"There is no file {options.File}.");
                return 1;
            }

            if (options.DryRun)
            {
                await using var file = File.OpenRead(options.File);
                var preview = await import.PreviewAsync(caller, file, importOptions, null, CancellationToken.None);
                foreach (var seat in preview.Seats)
                    await output.WriteLineAsync($"{seat.Product}: {seat.Needed:N0} licenses needed, {seat.Available:N0} available.");
                if (!preview.CanApply)
                {
                    foreach (var refusal in preview.Refusals) await error.WriteLineAsync(refusal.ToString());
                    await error.WriteLineAsync($"Dry run: the file would be refused ({preview.Refusals.Count:N0} problems). Nothing was written.");
                    return 1;
                }

                await output.WriteLineAsync($"Dry run: {preview.Users.Count:N0} users would be added. Nothing was written.");
                return 0;
            }

            await using (var file = File.OpenRead(options.File))
            {
                var result = await import.ApplyAsync(caller, file, importOptions, null, CancellationToken.None);
                if (options.PasswordsFile is { } passwords) await WritePasswordsAsync(passwords, result.Users);
                await output.WriteLineAsync($"Added {result.Users.Count:N0} users (import {result.ImportId}).");
                if (options.PasswordsFile is not null)
                    await output.WriteLineAsync($"One-time passwords written to {options.PasswordsFile}; give them to the users and delete the file.");
            }

            return 0;
        }
        catch (UserImportRefusedException refused)
        {
            foreach (var reason in refused.Problems) await error.WriteLineAsync(reason.ToString());
            await error.WriteLineAsync($"Nothing was imported ({refused.Problems.Count:N0} problems).");
            return 1;
        }
        catch (Exception ex) when (ex is DomainException or DatabaseUnavailableException)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private sealed record Options(string File, string Tenant, string Admin, string[] Products, string[] DisabledPlans, string? PasswordsFile, bool DryRun);

    private static bool TryParse(string[] args, out Options options, out string problem)
    {
        options = null!;
        problem = string.Empty;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var positional = new List<string>();
        var dryRun = false;
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (string.Equals(arg, "--dry-run", StringComparison.OrdinalIgnoreCase)) dryRun = true;
            else if (ValueOptions.Contains(arg, StringComparer.OrdinalIgnoreCase))
            {
                if (i + 1 >= args.Length) { problem = $"{arg} needs a value."; return false; }
                values[arg] = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal)) continue; // the host's configuration
            else positional.Add(arg);
        }

        if (positional.Count != 1) { problem = $"import-users takes one file.{Environment.NewLine}{Usage}"; return false; }
        foreach (var required in new[] { "--tenant", "--as" })
            if (!values.ContainsKey(required)) { problem = $"import-users needs {required}.{Environment.NewLine}{Usage}"; return false; }

        static string[] List(Dictionary<string, string> values, string key) =>
            values.TryGetValue(key, out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        options = new Options(positional[0], values["--tenant"], values["--as"], List(values, "--products"), List(values, "--disable-plans"),
            values.GetValueOrDefault("--passwords"), dryRun);
        return true;
    }

    private static async Task WritePasswordsAsync(string path, IReadOnlyList<ImportedAccount> users)
    {
        await using var writer = new StreamWriter(path);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
        foreach (var header in new[] { "User Name", "Display Name", "Password" }) csv.WriteField(header);
        await csv.NextRecordAsync();
        foreach (var user in users)
        {
            csv.WriteField(user.UserPrincipalName);
            csv.WriteField(user.DisplayName);
            csv.WriteField(user.Password);
            await csv.NextRecordAsync();
        }
    }
}
