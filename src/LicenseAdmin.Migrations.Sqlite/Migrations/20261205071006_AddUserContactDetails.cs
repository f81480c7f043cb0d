using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "City",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fax",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MobilePhone",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Office",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficePhone",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalCode",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StreetAddress",
                table: "DirectoryUsers",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF Core drops a column on SQLite by rebuilding the table, which fails on the license-count triggers that
            // name DirectoryUsers (decision 0006). SQLite drops these plain columns in place, triggers untouched.
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "AlternateEmail";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "City";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "Country";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "Fax";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "MobilePhone";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "Office";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "OfficePhone";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "PostalCode";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "State";""");
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "StreetAddress";""");
        }
    }
}
