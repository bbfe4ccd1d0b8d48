using BinanceSimulator.Hosting;
using BinanceSimulator.Market;
using Microsoft.Extensions.DependencyInjection;

namespace BinanceSimulator.Archive;

/// <summary>Registers the archive's services; needs <see cref="SimulatedMarket"/> and <see cref="SimulatorOptions"/> registered.</summary>
public static class ArchiveServiceCollectionExtensions
{
    public static IServiceCollection AddArchive(this IServiceCollection services)
    {
        services.AddSingleton<ArchiveCounters>();
        services.AddSingleton(sp => new ArchiveCatalog(sp.GetRequiredService<SimulatedMarket>(), sp.GetRequiredService<SimulatorOptions>().Archive));
        services.AddSingleton(sp => new ArchiveBlobCache(sp.GetRequiredService<SimulatorOptions>().Archive.CacheBytes));
        services.AddSingleton(sp => new ArchiveStore(sp.GetRequiredService<ArchiveCatalog>(), sp.GetRequiredService<ArchiveBlobCache>()));
        services.AddSingleton(sp => new ArchiveListing(sp.GetRequiredService<ArchiveCatalog>()));
        return services;
    }
}
