using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddLastSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInUtc",
                table: "DirectoryUsers",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF Core drops a column on SQLite by rebuilding the table, which fails on the license-count triggers that
            // name DirectoryUsers (decision 0006). SQLite drops this plain column in place, triggers untouched.
            migrationBuilder.Sql("""ALTER TABLE "DirectoryUsers" DROP COLUMN "LastSignInUtc";""");
        }
    }
}
