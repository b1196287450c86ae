using System.Reflection;
using System.Text.RegularExpressions;
using ChatSphere.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Pgvector;

namespace ChatSphere.UnitTests.Data;

/// <summary>ChunkSql's hand-written SQL against the EF model it must agree with (the model is built without a database).</summary>
public sealed class ChunkSqlTests
{
    [Fact]
    public void Every_table_and_column_chunk_sql_names_is_mapped_by_the_ef_model()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=unused", o => o.UseVector()).Options);
        var checkedNames = 0;
        foreach (var (table, columns) in DeclaredNames())
        {
            var entity = db.Model.GetEntityTypes().SingleOrDefault(e => e.GetTableName() == table);
            Assert.True(entity is not null, $"No entity in AppDbContext maps to table \"{table}\".");
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var mapped = entity.GetProperties().Select(p => p.GetColumnName(store)).ToHashSet();
            foreach (var column in columns)
            {
                Assert.True(mapped.Contains(column), $"\"{table}\".\"{column}\" is not a column in the EF model (mapped: {string.Join(", ", mapped.Order())}).");
                checkedNames++;
            }
        }

        Assert.True(checkedNames > 20, "The names were not found by reflection.");
    }

    [Fact]
    public void Every_quoted_name_in_chunk_sql_is_one_of_the_names_checked_against_the_model()
    {
        var declared = DeclaredNames().SelectMany(t => t.Columns.Append(t.Table)).ToHashSet();
        var statements = typeof(ChunkSql).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Append(ChunkSql.NearestCommand(Guid.Empty, "m", new Vector(new float[3]), exact: true, limit: 5).CommandText)
            .Append(ChunkSql.DistanceExpression(3000, "@q"))
            .ToList();

        Assert.True(statements.Count > 10);
        Assert.All(statements, sql => Assert.All(
            Regex.Matches(sql, "\"([^\"]+)\"").Select(m => m.Groups[1].Value),
            name => Assert.True(declared.Contains(name), $"\"{name}\" is not one of ChunkSql's checked names; add it to its table's constants:\n{sql}")));
    }

    /// <summary>ChunkSql's nested name classes (not its async state machines): a table and its columns, unquoted.</summary>
    private static IEnumerable<(string Table, List<string> Columns)> DeclaredNames() =>
        typeof(ChunkSql).GetNestedTypes(BindingFlags.NonPublic).Where(type => type.GetField("Table") is not null).Select(type =>
        {
            var names = type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
                .ToDictionary(f => f.Name, f => ((string)f.GetRawConstantValue()!).Trim('"'));
            var table = names["Table"];
            return (table, names.Where(n => n.Key != "Table").Select(n => n.Value).ToList());
        });
}
