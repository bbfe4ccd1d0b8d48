using System.Text.Json;
using static BinanceSimulator.Tests.Rest.Fixtures;

namespace BinanceSimulator.Tests.Rest;

/// <summary>Our responses against every REST capture in the shared fixtures: same keys, same JSON value kinds.</summary>
public sealed class FixtureShapeTests : IAsyncLifetime
{
    private static readonly string[] ExchangeInfoNames =
    [
        "rest_fapi_exchangeInfo_2021-09-06_raw.json",
        "rest_fapi_exchangeInfo_2025-12-24_probably_testnet_reserialized.json",
    ];

    private static readonly string[] KlineNames =
    [
        "rest_fapi_klines_BTCUSDT_5m_default_limit500.json",
        "rest_fapi_klines_BTCUSDT_1m_3000rows_reserialized.json",
    ];

    public static TheoryData<string> ExchangeInfoFixtures => new(ExchangeInfoNames);

    public static TheoryData<string> KlineFixtures => new(KlineNames);

    private RunningSimulator _sim = null!;
    private JsonElement _info;

    public async Task InitializeAsync()
    {
        _sim = await RunningSimulator.StartAsync();
        _info = (await _sim.GetAsync("fapi/v1/exchangeInfo")).Json;
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public void EveryRestFixture_IsCoveredByAShapeTest()
    {
        var covered = ExchangeInfoNames.Concat(KlineNames);

        var restFixtures = Directory.GetFiles(Folder, "rest_*.json").Select(Path.GetFileName);

        Assert.Equal(covered.Order(StringComparer.Ordinal), restFixtures.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExchangeInfoFixtures))]
    public void ExchangeInfo_HasTheFixturesTopLevelKeysAndKinds(string fixture)
    {
        var real = Load(fixture);

        Assert.Equal(KeyKinds(real), KeyKinds(_info));
    }

    [Theory]
    [MemberData(nameof(ExchangeInfoFixtures))]
    public void RateLimitsAndAssets_HaveTheFixturesKeysAndKinds(string fixture)
    {
        var real = Load(fixture);

        foreach (var name in new[] { "rateLimits", "assets" })
        {
            var expected = KeyKinds(real.GetProperty(name)[0]);
            Assert.All(_info.GetProperty(name).EnumerateArray(), ours => Assert.Equal(expected, KeyKinds(ours)));
        }
    }

    [Theory]
    [MemberData(nameof(ExchangeInfoFixtures))]
    public void Symbols_HaveEveryKeyOfTheFixturesSymbols_WithTheSameKinds(string fixture)
    {
        var realKinds = Load(fixture).GetProperty("symbols").EnumerateArray().SelectMany(KeyKinds).Distinct().ToList();

        Assert.All(_info.GetProperty("symbols").EnumerateArray(), ours =>
        {
            var ourKinds = KeyKinds(ours);
            Assert.All(realKinds, pair => Assert.Contains(pair, ourKinds));
        });
    }

    [Fact]
    public void Symbols_HaveNoKeyUnknownToBothFixtures()
    {
        var known = ExchangeInfoNames
            .SelectMany(name => Load(name).GetProperty("symbols").EnumerateArray())
            .SelectMany(s => s.EnumerateObject().Select(p => p.Name))
            .ToHashSet();

        Assert.All(_info.GetProperty("symbols").EnumerateArray(), ours =>
            Assert.All(ours.EnumerateObject(), p => Assert.Contains(p.Name, known)));
    }

    [Theory]
    [MemberData(nameof(ExchangeInfoFixtures))]
    public void Filters_HaveTheFixturesKeysAndKinds_PerFilterType(string fixture)
    {
        var real = FiltersByType(Load(fixture));

        foreach (var (type, ourShape) in FiltersByType(_info).Where(f => real.ContainsKey(f.Key)))
            Assert.Equal(real[type], ourShape);
    }

    [Theory]
    [MemberData(nameof(ExchangeInfoFixtures))]
    public void StringListsAndSubTypes_HoldStrings(string fixture)
    {
        var real = Load(fixture).GetProperty("symbols")[0];
        var ours = _info.GetProperty("symbols")[0];

        foreach (var name in new[] { "orderTypes", "timeInForce" })
        {
            Assert.All(real.GetProperty(name).EnumerateArray(), e => Assert.Equal(JsonValueKind.String, e.ValueKind));
            Assert.All(ours.GetProperty(name).EnumerateArray(), e => Assert.Equal(JsonValueKind.String, e.ValueKind));
        }
        Assert.All(_info.GetProperty("symbols").EnumerateArray().SelectMany(s => s.GetProperty("underlyingSubType").EnumerateArray()),
            e => Assert.Equal(JsonValueKind.String, e.ValueKind));
    }

    [Theory]
    [MemberData(nameof(KlineFixtures))]
    public async Task KlineRows_Have12ColumnsOfTheFixturesKinds(string fixture)
    {
        var realRows = Load(fixture).EnumerateArray().ToList();
        var expected = realRows[0].EnumerateArray().Select(Kind).ToList();
        Assert.All(realRows, row => Assert.Equal(expected, row.EnumerateArray().Select(Kind)));

        var ours = await _sim.KlinesAsync("symbol=BTCUSDT&limit=1000");

        Assert.Equal(12, expected.Count);
        Assert.All(ours.Rows, row => Assert.Equal(expected, row.EnumerateArray().Select(Kind)));
    }

    [Fact]
    public async Task OneMinuteRows_CloseOneMinuteLater_AsInTheFixture()
    {
        var real = Load("rest_fapi_klines_BTCUSDT_1m_3000rows_reserialized.json").EnumerateArray();
        Assert.All(real, row => Assert.Equal(row[0].GetInt64() + 59_999, row[6].GetInt64()));

        var ours = await _sim.KlinesAsync("symbol=BTCUSDT&limit=1000");

        Assert.All(ours.Rows, row => Assert.Equal(row[0].GetInt64() + 59_999, row[6].GetInt64()));
    }

    [Fact]
    public async Task KlinesBody_IsCompactLikeTheRawCapture()
    {
        var raw = File.ReadAllText(Path.Combine(Folder, "rest_fapi_klines_BTCUSDT_5m_default_limit500.json"));
        Assert.DoesNotContain(' ', raw);

        var ours = await _sim.KlinesAsync("symbol=BTCUSDT&limit=10");

        Assert.DoesNotContain(' ', ours.Body);
    }

    private static List<(string Key, string Kind)> KeyKinds(JsonElement obj) =>
        obj.EnumerateObject().Select(p => (p.Name, Kind(p.Value))).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    private static Dictionary<string, List<(string Key, string Kind)>> FiltersByType(JsonElement info) =>
        info.GetProperty("symbols").EnumerateArray()
            .SelectMany(s => s.GetProperty("filters").EnumerateArray())
            .GroupBy(f => f.GetProperty("filterType").GetString()!)
            .ToDictionary(g => g.Key, g => KeyKinds(g.First()));
}
