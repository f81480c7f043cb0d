# Build: restore against the project files first so the restore layer is reused while only code changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/LicenseAdmin.Domain/LicenseAdmin.Domain.csproj src/LicenseAdmin.Domain/
COPY src/LicenseAdmin.Infrastructure/LicenseAdmin.Infrastructure.csproj src/LicenseAdmin.Infrastructure/
COPY src/LicenseAdmin.Migrations.Sqlite/LicenseAdmin.Migrations.Sqlite.csproj src/LicenseAdmin.Migrations.Sqlite/
COPY src/LicenseAdmin.Migrations.SqlServer/LicenseAdmin.Migrations.SqlServer.csproj src/LicenseAdmin.Migrations.SqlServer/
COPY src/LicenseAdmin.Migrations.PostgreSql/LicenseAdmin.Migrations.PostgreSql.csproj src/LicenseAdmin.Migrations.PostgreSql/
COPY src/LicenseAdmin.Web/LicenseAdmin.Web.csproj src/LicenseAdmin.Web/
RUN dotnet restore src/LicenseAdmin.Web/LicenseAdmin.Web.csproj
COPY src/ src/
RUN dotnet publish src/LicenseAdmin.Web -c Release -o /app --no-restore

# Run: the ASP.NET Core runtime only.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# Without Database:Provider the portal uses SQLite; give that file a directory the non-root user can write.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
ENV ConnectionStrings__Sqlite="Data Source=/app/data/licenseadmin.db"
USER $APP_UID
# The image listens on port 8080 (ASPNETCORE_HTTP_PORTS of the aspnet base image).
EXPOSE 8080
ENTRYPOINT ["dotnet", "LicenseAdmin.Web.dll"]
