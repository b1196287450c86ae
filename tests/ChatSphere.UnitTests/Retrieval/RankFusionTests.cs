using ChatSphere.Agents.Embeddings;
using ChatSphere.Agents.Retrieval;

namespace ChatSphere.UnitTests.Retrieval;

public sealed class RankFusionTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid D = new("00000000-0000-0000-0000-00000000000d");

    [Fact]
    public void First_in_both_legs_scores_one_and_carries_both_ranks()
    {
        var fused = RankFusion.Fuse([new RankedLeg([A, B]), new RankedLeg([A, C])], k: 60, top: 10);

        Assert.Equal(A, fused[0].Id);
        Assert.Equal(1.0, fused[0].Score, 12);
        Assert.Equal([1, 1], fused[0].Ranks);
    }

    [Fact]
    public void A_chunk_both_legs_found_beats_one_only_a_single_leg_ranked_higher()
    {
        // C is second in both; A and B are first in one leg each.
        var fused = RankFusion.Fuse([new RankedLeg([A, C]), new RankedLeg([B, C])], k: 60, top: 10);

        Assert.Equal([C, A, B], fused.Select(f => f.Id));
        Assert.Equal(2.0 / 62 / (2.0 / 61), fused[0].Score, 12);
        Assert.Equal([2, 2], fused[0].Ranks);
        Assert.Equal([1, null], fused[1].Ranks);
        Assert.Equal([null, 1], fused[2].Ranks);
    }

    [Fact]
    public void Weights_decide_between_firsts_of_different_legs()
    {
        var (k, vectorWeight) = KnowledgeSearch.FusionFor(HashingEmbeddingGenerator.ModelId);

        var fused = RankFusion.Fuse([new RankedLeg([A], vectorWeight), new RankedLeg([B])], k, top: 10);

        // The offline embedder's vector leg only breaks ties: full text's first wins, each scaled by 1 + 0.3.
        Assert.Equal([B, A], fused.Select(f => f.Id));
        Assert.Equal(1 / 1.3, fused[0].Score, 12);
        Assert.Equal(0.3 / 1.3, fused[1].Score, 12);
    }

    [Fact]
    public void A_larger_k_narrows_the_gap_between_neighbouring_ranks()
    {
        double SecondOverFirst(int k)
        {
            var fused = RankFusion.Fuse([new RankedLeg([A, B])], k, top: 10);
            return fused[1].Score / fused[0].Score;
        }

        Assert.Equal(11.0 / 12, SecondOverFirst(10), 12);
        Assert.Equal(61.0 / 62, SecondOverFirst(60), 12);
    }

    [Fact]
    public void An_empty_leg_still_counts_in_the_best_possible_score()
    {
        var fused = RankFusion.Fuse([new RankedLeg([], 0.3), new RankedLeg([A, B])], k: 10, top: 10);

        // Text alone can reach 1 / 1.3 of "first in both", so a threshold keeps one meaning whichever legs ran.
        Assert.Equal([A, B], fused.Select(f => f.Id));
        Assert.Equal(1 / 1.3, fused[0].Score, 12);
        Assert.Equal([null, 1], fused[0].Ranks);
    }

    [Fact]
    public void Both_legs_empty_fuse_to_nothing() =>
        Assert.Empty(RankFusion.Fuse([new RankedLeg([]), new RankedLeg([])], k: 60, top: 10));

    [Fact]
    public void Equal_scores_keep_the_order_the_legs_listed_them_in()
    {
        // Equal weights: A (vector 1) ties B (text 1), C (vector 2) ties D (text 2).
        var fused = RankFusion.Fuse([new RankedLeg([A, C]), new RankedLeg([B, D])], k: 60, top: 10);

        Assert.Equal([A, B, C, D], fused.Select(f => f.Id));
        Assert.Equal(fused[0].Score, fused[1].Score);
    }

    [Fact]
    public void The_threshold_drops_scaled_scores_below_it_and_keeps_those_equal_to_it()
    {
        RankedLeg[] legs = [new RankedLeg([A, B], 0.3), new RankedLeg([A])];

        var all = RankFusion.Fuse(legs, k: 10, top: 10);
        var kept = RankFusion.Fuse(legs, k: 10, top: 10, threshold: all[1].Score);
        var strict = RankFusion.Fuse(legs, k: 10, top: 10, threshold: all[1].Score + 1e-9);

        Assert.Equal([A, B], all.Select(f => f.Id));
        Assert.Equal([A, B], kept.Select(f => f.Id));
        Assert.Equal([A], strict.Select(f => f.Id));
    }

    [Fact]
    public void Only_the_top_candidates_come_back_best_first()
    {
        var fused = RankFusion.Fuse([new RankedLeg([A, B, C, D])], k: 60, top: 2);

        Assert.Equal([A, B], fused.Select(f => f.Id));
    }

    [Fact]
    public void A_candidate_listed_twice_in_one_leg_counts_once_at_its_better_rank()
    {
        var fused = RankFusion.Fuse([new RankedLeg([A, B, A])], k: 60, top: 10);

        Assert.Equal([A, B], fused.Select(f => f.Id));
        Assert.Equal(1.0, fused[0].Score, 12);
        Assert.Equal([1], fused[0].Ranks);
    }

    [Fact]
    public void Real_embedding_models_fuse_with_equal_weights_and_the_offline_one_leans_on_full_text()
    {
        Assert.Equal((60, 1.0), KnowledgeSearch.FusionFor("text-embedding-3-small"));
        Assert.Equal((10, 0.3), KnowledgeSearch.FusionFor(HashingEmbeddingGenerator.ModelId));
        Assert.Equal((10, 1.0), KnowledgeSearch.FusionFor(ArcticEmbeddingGenerator.ModelId));
    }
}
