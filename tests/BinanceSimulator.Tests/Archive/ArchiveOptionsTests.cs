using System.Text.Json;
using BinanceSimulator.Archive;

namespace BinanceSimulator.Tests.Archive;

public class ArchiveOptionsTests
{
    [Fact]
    public void Options_LoadFromJson()
    {
        const string json = """
            {
              "DailyLag": "1.12:00:00",
              "HeaderFrom": "2022-06-01",
              "MissingDays": [ { "Symbol": "*", "Day": "2022-04-17" } ],
              "TruncatedZips": [ { "Symbol": "BTCUSDT", "Period": "2022-05" } ],
              "ListPageSize": 5
            }
            """;

        var options = JsonSerializer.Deserialize<ArchiveOptions>(json)!;
        options.Validate();

        Assert.Equal(TimeSpan.FromHours(36), options.DailyLag);
        Assert.Equal(new DateOnly(2022, 6, 1), options.HeaderFrom);
        Assert.True(options.MissingDays[0].Matches("ETHUSDT", new DateOnly(2022, 4, 17)));
        Assert.True(options.TruncatedZips[0].Matches(new ArchiveFile("BTCUSDT", ArchivePeriod.Monthly(2022, 5))));
        Assert.False(options.TruncatedZips[0].Matches(new ArchiveFile("BTCUSDT", ArchivePeriod.Daily(new DateOnly(2022, 5, 1)))));
        Assert.Equal(5, options.ListPageSize);
    }

    [Fact]
    public void Validate_RejectsAMalformedPeriod()
    {
        var options = new ArchiveOptions { ChecksumMismatches = [new ArchiveFileSelector { Symbol = "BTCUSDT", Period = "2022/05" }] };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("2022/05", error.Message, StringComparison.Ordinal);
    }
}
