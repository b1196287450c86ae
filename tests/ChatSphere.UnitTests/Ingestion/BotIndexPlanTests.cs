using ChatSphere.Core.Data;
using ChatSphere.Core.Ingestion;

namespace ChatSphere.UnitTests.Ingestion;

public sealed class BotIndexPlanTests
{
    private static readonly Guid Bot = Guid.Parse("01a23d21-13f1-741b-b27d-a61fb5590e06");

    [Fact]
    public void A_bot_below_the_threshold_gets_no_index()
    {
        var plan = BotIndexPlan.For(Bot, new Dictionary<int, long> { [384] = 99 }, [], threshold: 100, repairInvalid: true);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void A_bot_at_the_threshold_gets_a_vector_index_for_its_dimension_and_a_full_text_index()
    {
        var plan = BotIndexPlan.For(Bot, new Dictionary<int, long> { [384] = 100 }, [], threshold: 100, repairInvalid: true);
        Assert.Equal([384, null], plan.Create);
        Assert.Empty(plan.Drop);
    }

    [Fact]
    public void A_dimension_with_too_few_rows_gets_no_vector_index_but_the_bot_still_gets_its_full_text_one()
    {
        var plan = BotIndexPlan.For(Bot, new Dictionary<int, long> { [384] = 60, [1536] = 60 }, [], threshold: 100, repairInvalid: true);
        Assert.Equal([null], plan.Create);
    }

    [Fact]
    public void Vectors_too_wide_for_hnsw_get_no_vector_index()
    {
        var plan = BotIndexPlan.For(Bot, new Dictionary<int, long> { [4096] = 500 }, [], threshold: 100, repairInvalid: true);
        Assert.Equal([null], plan.Create);
    }

    [Fact]
    public void Indexes_stay_until_the_bot_falls_below_half_the_threshold()
    {
        List<(string, bool)> indexes = [(BotIndexNames.Vector(Bot, 384), true), (BotIndexNames.Text(Bot), true)];
        Assert.True(BotIndexPlan.For(Bot, new Dictionary<int, long> { [384] = 50 }, indexes, threshold: 100, repairInvalid: true).IsEmpty);

        var shrunk = BotIndexPlan.For(Bot, new Dictionary<int, long> { [384] = 49 }, indexes, threshold: 100, repairInvalid: true);
        Assert.Equal([BotIndexNames.Vector(Bot, 384), BotIndexNames.Text(Bot)], shrunk.Drop);
        Assert.Empty(shrunk.Create);
    }

    [Fact]
    public void A_deleted_bot_loses_every_index_it_had()
    {
        List<(string, bool)> indexes = [(BotIndexNames.Vector(Bot, 384), true), (BotIndexNames.Text(Bot), true)];
        var plan = BotIndexPlan.For(Bot, new Dictionary<int, long>(), indexes, threshold: 100, repairInvalid: false);
        Assert.Equal(2, plan.Drop.Count);
    }

    [Fact]
    public void A_model_switch_to_another_dimension_builds_the_new_index_and_drops_the_old()
    {
        List<(string, bool)> indexes = [(BotIndexNames.Vector(Bot, 384), true), (BotIndexNames.Text(Bot), true)];
        var plan = BotIndexPlan.For(Bot, new Dictionary<int, long> { [1536] = 300 }, indexes, threshold: 100, repairInvalid: true);
        Assert.Equal([1536], plan.Create);
        Assert.Equal([BotIndexNames.Vector(Bot, 384)], plan.Drop);
    }

    [Fact]
    public void An_invalid_index_is_rebuilt_only_by_the_run_that_holds_the_lock()
    {
        List<(string, bool)> building = [(BotIndexNames.Vector(Bot, 384), false), (BotIndexNames.Text(Bot), true)];
        var counts = new Dictionary<int, long> { [384] = 300 };
        Assert.True(BotIndexPlan.For(Bot, counts, building, threshold: 100, repairInvalid: false).IsEmpty);

        var repair = BotIndexPlan.For(Bot, counts, building, threshold: 100, repairInvalid: true);
        Assert.Equal([BotIndexNames.Vector(Bot, 384)], repair.Drop);
        Assert.Equal([384], repair.Create);
    }

    [Fact]
    public void Another_bots_indexes_and_names_not_ours_are_left_alone()
    {
        var other = Guid.CreateVersion7();
        List<(string, bool)> indexes = [(BotIndexNames.Vector(other, 384), true), (BotIndexNames.Prefix(Bot) + "custom", true)];
        Assert.True(BotIndexPlan.For(Bot, new Dictionary<int, long>(), indexes, threshold: 100, repairInvalid: true).IsEmpty);
    }

    [Fact]
    public void Index_names_say_what_they_index_and_fit_postgres_identifiers()
    {
        Assert.Equal((true, 384), BotIndexNames.Parse(Bot, BotIndexNames.Vector(Bot, 384)));
        Assert.Equal((true, (int?)null), BotIndexNames.Parse(Bot, BotIndexNames.Text(Bot)));
        Assert.Equal((false, (int?)null), BotIndexNames.Parse(Bot, "IX_Chunks_Embedding_384"));
        Assert.True(BotIndexNames.Vector(Bot, 4000).Length <= 63);
        Assert.Equal(Bot, BotIndexNames.BotOf(BotIndexNames.Text(Bot)));
        Assert.Null(BotIndexNames.BotOf("IX_Chunks_Bot_not-a-bot_384"));
    }
}
