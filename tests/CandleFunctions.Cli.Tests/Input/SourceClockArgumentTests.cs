using CandleFunctions.Sync.Input;

namespace CandleFunctions.Cli.Tests.Input;

public sealed class SourceClockArgumentTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    [Fact]
    public void Zones_are_tried_local_first_then_canonical_then_aliases_then_research_stations()
    {
        string[] all = ["Antarctica/Macquarie", "Australia/NSW", "Australia/Sydney", "Europe/London", "Etc/UTC"];

        var ordered = SourceClockArgument.OrderByLikelihood(all.Select(Zone), "Europe/London", ["Australia/Sydney", "Europe/London", "Antarctica/Macquarie"]);

        // UTC keeps no daylight-saving time: the constant offsets already cover it.
        Assert.Equal(["Europe/London", "Australia/Sydney", "Australia/NSW", "Antarctica/Macquarie"], ordered.Select(z => z.Id));
    }

    [Fact]
    public void The_machines_zone_file_lists_sydney_as_canonical_and_its_aliases_after_it()
    {
        var ordered = SourceClockArgument.SystemZones().Select(z => z.Id).ToList();

        Assert.Contains("Australia/Sydney", ordered);
        Assert.True(ordered.IndexOf("Australia/Sydney") < ordered.IndexOf("Antarctica/Macquarie"));
        if (ordered.Contains("Australia/NSW"))
            Assert.True(ordered.IndexOf("Australia/Sydney") < ordered.IndexOf("Australia/NSW"));
    }
}
