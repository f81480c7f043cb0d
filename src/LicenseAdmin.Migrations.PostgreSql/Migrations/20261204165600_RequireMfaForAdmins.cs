using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RequireMfaForAdmins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing tenants start on the safe side, like new ones: administrators must use MFA.
            migrationBuilder.AddColumn<bool>(
                name: "RequireMfaForAdmins",
                table: "Tenants",
                type: "boolean",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequireMfaForAdmins",
                table: "Tenants");
        }
    }
}
