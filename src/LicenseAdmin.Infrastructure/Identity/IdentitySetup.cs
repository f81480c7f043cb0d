using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Identity;

public static class IdentitySetup
{
    public const int MinPasswordLength = 12;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Sign-in rules: passwords of 12 to 128 characters with no composition rules but not the username, a run,
    /// too few different characters or a commonly used password (NIST SP 800-63B),
    /// lockout after 5 failed attempts, and only active, unblocked directory users may sign in.
    /// </summary>
    public static IdentityBuilder AddLicenseAdminIdentity(this IServiceCollection services)
    {
        // Keys live in the database so several instances share sign-in cookies, antiforgery and reset tokens.
        services.AddDataProtection().SetApplicationName("LicenseAdmin").PersistKeysToDbContext<AppDbContext>();
        // Cookies check the account at this interval (Identity's default is 30 minutes); open pages use the same one.
        services.AddTransient<SignInAuditor>();
        services.AddScoped<AuthenticatorEnrolment>();
        services.AddTransient<OwnSecurityInfoAudit>();
        services.AddOptions<SessionValidationOptions>().BindConfiguration(SessionValidationOptions.Section);
        // Before Identity's own (which it adds only if none is there): PBKDF2 as Identity does, plus generated one-time passwords (decision 0026).
        services.AddScoped<IPasswordHasher<ApplicationUser>, PortalPasswordHasher>();
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SessionValidationOptions>>((validator, sessions) => validator.ValidationInterval = sessions.Value.ValidationInterval);
        return services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters += "'";
                options.Password.RequiredLength = MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version2;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            // Recovery codes of 80 random bits, stored only as hashes.
            .AddUserStore<PortalUserStore>()
            .AddUserManager<PortalUserManager>()
            .AddSignInManager<PortalSignInManager>()
            .AddErrorDescriber<PortalIdentityErrorDescriber>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator check: each code signs in once.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<MaxLengthPasswordValidator>()
            .AddPasswordValidator<PasswordStrengthValidator>()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>()
            .AddUserConfirmation<ActiveDirectoryUserConfirmation>();
    }
}
