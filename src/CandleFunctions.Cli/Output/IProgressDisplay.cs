using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Output;

/// <summary>Shows a run's progress while <see cref="RunAsync"/> executes the work.</summary>
public interface IProgressDisplay : ISyncProgress
{
    Task<T> RunAsync<T>(Func<Task<T>> work);
}
