using CandleFunctions.Exchange;
using CandleFunctions.Staging;
using CandleFunctions.Storage.Local;
using CandleFunctions.Stores;
using CandleFunctions.Weight;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CandleFunctions.Hosting;

/// <summary>Registers what the functions need: options, the REST client factory, stores, staging and the entity's settings.</summary>
public static class CandleFunctionsServiceCollectionExtensions
{
    /// <summary>Adds the app's services, reading section <see cref="CandleFunctionsOptions.Section"/>.</summary>
    public static IServiceCollection AddCandleFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new CandleFunctionsOptions();
        configuration.GetSection(CandleFunctionsOptions.Section).Bind(options);
        options.Validate();
        var entity = new WeightBudgetEntityOptions();
        entity.Validate();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(options.Limits());
        services.AddSingleton(entity);
        services.AddSingleton(sp => new ExchangeClientFactory(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, options.BinanceBaseUrl, sp.GetRequiredService<TimeProvider>()));
        // The blob store (CandleFunctions.Storage.Azure) becomes Primary once merged, with this folder as its Mirror.
        services.AddSingleton(new CandleStores(new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = options.LocalMirrorDirectory }), null));
        services.AddSingleton<IChunkStaging>(new LocalChunkStaging(options.StagingDirectory));
        services.AddSingleton<ISymbolListSource>(new LocalSymbolList(Path.Combine(options.LocalMirrorDirectory, "filtered_tokens.csv")));
        return services;
    }
}
