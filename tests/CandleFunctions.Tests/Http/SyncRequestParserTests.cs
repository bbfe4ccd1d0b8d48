using CandleFunctions.Http;

namespace CandleFunctions.Tests.Http;

public sealed class SyncRequestParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_body_becomes_the_orchestration_input()
    {
        var result = SyncRequestParser.Parse("""{"maxSymbols": 5, "symbols": ["btcusdt", "ETHUSDT", "BTCUSDT"], "start": "2024-01-01", "end": "2024-02-01T12:00:00Z"}""", Now);

        Assert.Null(result.Error);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], result.Input!.Symbols!);
        Assert.Equal(5, result.Input.MaxSymbols);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Input.Start);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 12, 0, 0, TimeSpan.Zero), result.Input.End);
    }

    [Fact]
    public void Only_start_is_required()
    {
        var result = SyncRequestParser.Parse("""{"start": "2024-01-01", "maxSymbols": null}""", Now);

        Assert.Null(result.Input!.Symbols);
        Assert.Null(result.Input.MaxSymbols);
        Assert.Null(result.Input.End);
    }

    [Theory]
    [InlineData("", "must be a JSON object")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"end": "2024-01-01"}""", "'start' is required")]
    [InlineData("""{"start": "yesterday"}""", "is not a date")]
    [InlineData("""{"start": "2027-01-01"}""", "in the future")]
    [InlineData("""{"start": "2024-01-02", "end": "2024-01-01"}""", "must be after 'start'")]
    [InlineData("""{"start": "2024-01-01", "maxSymbols": 0}""", "at least 1")]
    [InlineData("""{"start": "2024-01-01", "maxSymbols": "ten"}""", "at least 1")]
    [InlineData("""{"start": "2024-01-01", "symbols": "BTCUSDT"}""", "must be an array")]
    [InlineData("""{"start": "2024-01-01", "symbols": ["BTC/USDT"]}""", "not a symbol")]
    [InlineData("""{"start": "2024-01-01", "symbols": []}""", "is empty")]
    [InlineData("""{"start": "2024-01-01", "since": "x"}""", "Unknown field 'since'")]
    public void Bad_input_is_refused_with_a_message_a_person_can_act_on(string body, string expected)
    {
        var result = SyncRequestParser.Parse(body, Now);

        Assert.Null(result.Input);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
