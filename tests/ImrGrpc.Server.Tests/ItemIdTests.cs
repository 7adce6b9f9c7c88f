using Imr.V1;
using ImrGrpc.Contract.Mapping;

namespace ImrGrpc.Server.Tests;

/// <summary>
/// Item ids must be unique: every item whose id an earlier item already used is named, with its own position, however
/// many items the request has, and nothing of one request's ids is remembered by the next (the set is kept per thread).
/// </summary>
public sealed class ItemIdTests
{
    private static EvaluateRequestRequest WithIds(params string[] ids)
    {
        var request = ExampleCases.Load().First().Request.Clone();
        var template = request.Items[0];
        request.Items.Clear();
        foreach (var id in ids)
        {
            var item = template.Clone();
            item.ItemId = id;
            request.Items.Add(item);
        }
        return request;
    }

    private static List<string> Problems(EvaluateRequestRequest request)
    {
        var problems = new List<FieldProblem>();
        RequestMapper.Map(request, problems);
        return problems.Select(p => $"{p.Field}: {p.Description}").ToList();
    }

    private static string Duplicate(int index, string id) =>
        $"items[{index}].item_id: item id '{id}' is used by an earlier item; item ids must be unique";

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(100)]
    public void Each_later_use_of_an_id_is_named_at_its_own_position(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"item-{i}").ToArray();
        ids[count - 1] = "item-0";
        ids[count / 2] = ids[count / 2 - 1];
        var expected = new[] { Duplicate(count / 2, ids[count / 2]), Duplicate(count - 1, "item-0") }.Distinct().Order();
        Assert.Equal(expected, Problems(WithIds(ids)).Order());
    }

    [Fact]
    public void An_id_used_three_times_is_named_twice_and_blank_ids_are_only_required()
    {
        var ids = Enumerable.Range(0, 12).Select(i => $"i{i}").ToArray();
        ids[4] = ids[7] = ids[10] = "same";
        ids[5] = ids[6] = " ";
        Assert.Equal(
            new[] { "items[5].item_id: is required", "items[6].item_id: is required", Duplicate(7, "same"), Duplicate(10, "same") }.Order(),
            Problems(WithIds(ids)).Order());
    }

    [Fact]
    public void A_request_does_not_see_the_ids_of_the_one_before_it()
    {
        var ids = Enumerable.Range(0, 20).Select(i => $"item-{i}").ToArray();
        Assert.Empty(Problems(WithIds(ids)));
        Assert.Empty(Problems(WithIds(ids)));
        var withDuplicate = (string[])ids.Clone();
        withDuplicate[19] = "item-3";
        Assert.Equal([Duplicate(19, "item-3")], Problems(WithIds(withDuplicate)));
        Assert.Empty(Problems(WithIds(ids)));
    }
}
