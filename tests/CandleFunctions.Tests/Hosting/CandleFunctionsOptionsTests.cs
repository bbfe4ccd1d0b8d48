using CandleFunctions.Hosting;

namespace CandleFunctions.Tests.Hosting;

public sealed class CandleFunctionsOptionsTests
{
    [Fact]
    public void The_real_archive_is_listed_through_its_s3_endpoint()
    {
        var options = new CandleFunctionsOptions();

        Assert.Equal(new Uri("https://s3-ap-northeast-1.amazonaws.com/data.binance.vision"), options.ResolvedArchiveListingUrl());
    }

    [Fact]
    public void Another_archive_url_serves_its_own_listing_like_the_cli_assumes()
    {
        var options = new CandleFunctionsOptions { ArchiveBaseUrl = new Uri("http://127.0.0.1:5000/") };

        Assert.Equal(new Uri("http://127.0.0.1:5000/data.binance.vision"), options.ResolvedArchiveListingUrl());
    }

    [Fact]
    public void The_archive_switch_and_wave_size_reach_the_orchestrators()
    {
        var limits = new CandleFunctionsOptions { UseArchive = false, MaxArchiveFilesPerWave = 3 }.Limits();

        Assert.False(limits.UseArchive);
        Assert.Equal(3, limits.MaxArchiveFilesPerWave);
        Assert.True(new CandleFunctionsOptions().Limits().UseArchive);
    }

    [Fact]
    public void Two_settings_naming_the_same_container_are_refused()
    {
        var options = new CandleFunctionsOptions { CandlesConnectionString = "UseDevelopmentStorage=true", StagingContainer = "candles" };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
