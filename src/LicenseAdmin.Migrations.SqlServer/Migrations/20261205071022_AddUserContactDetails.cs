using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddUserContactDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AlternateEmail",
                table: "DirectoryUsers",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "City",
                table: "DirectoryUsers",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "DirectoryUsers",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fax",
                table: "DirectoryUsers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MobilePhone",
                table: "DirectoryUsers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Office",
                table: "DirectoryUsers",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficePhone",
                table: "DirectoryUsers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalCode",
                table: "DirectoryUsers",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "DirectoryUsers",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StreetAddress",
                table: "DirectoryUsers",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AlternateEmail",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "City",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "Country",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "Fax",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "MobilePhone",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "Office",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "OfficePhone",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "PostalCode",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "State",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "StreetAddress",
                table: "DirectoryUsers");
        }
    }
}
