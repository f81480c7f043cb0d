using LicenseAdmin.Infrastructure;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Web;
using LicenseAdmin.Web.CommandLine;
using Serilog;

// A plain console logger until the host has its own from configuration. (A bootstrap logger would be
// frozen by the first host and break a second one in the same process, as tests start several.)
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    // A command's own flags (purge run --dry-run) are not configuration switches; the host gets the rest.
    var app = PortalHost.Build(AdminCommands.HostArguments(args));
    if (AdminCommands.IsCommand(args))
        return await AdminCommands.RunAsync(app.Services, args, Console.Out, Console.Error);

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is DatabaseConfigurationException or DatabaseUnavailableException or ConfigurationValueException)
{
    // A configuration or database problem: say what it is in one line, without a stack trace.
    Log.Fatal("LicenseAdmin could not start: {Reason}", ex.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Exposed so WebApplicationFactory and the end-to-end tests start the real app.</summary>
public partial class Program;
