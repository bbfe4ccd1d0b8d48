using CandleFunctions.Binance.Archive;
using CandleFunctions.Exchange;
using CandleFunctions.Weight;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CandleFunctions.Hosting;

/// <summary>Registers what the functions need: options, the REST client factory, storage (blob or local), staging and the entity's settings.</summary>
public static class CandleFunctionsServiceCollectionExtensions
{
    /// <summary>Adds the app's services, reading section <see cref="CandleFunctionsOptions.Section"/>.</summary>
    public static IServiceCollection AddCandleFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new CandleFunctionsOptions();
        configuration.GetSection(CandleFunctionsOptions.Section).Bind(options);
        options.Validate();
        var entity = new WeightBudgetEntityOptions { Budget = WeightBudgetEntityOptions.ForEntity(new() { MaxWeightShare = options.MaxWeightShare }) };
        entity.Validate();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(options.Limits());
        services.AddSingleton(entity);
        services.AddSingleton(sp => new ExchangeClientFactory(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All },
            options.BinanceBaseUrl, sp.GetRequiredService<TimeProvider>()));
        // The app bounds its downloads by its waves (MaxArchiveFilesPerWave per symbol); a worker keeps the former cap of 8.
        var archive = new ArchiveOptions { BaseUrl = options.ArchiveBaseUrl, ListingUrl = options.ResolvedArchiveListingUrl(), MaxConcurrentDownloads = 8 };
        archive.Validate();
        services.AddSingleton(sp => new ArchiveAccess(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All },
            archive,
            sp.GetRequiredService<TimeProvider>()));
        var storage = CandleStorage.Create(options);
        services.AddSingleton(storage.Stores);
        services.AddSingleton(storage.Staging);
        services.AddSingleton(storage.SymbolList);
        services.AddSingleton(storage.Setup);
        return services;
    }
}
