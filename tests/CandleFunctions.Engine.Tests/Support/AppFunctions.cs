using System.Reflection;
using CandleFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>The app's <c>[Function]</c> methods, found the way the worker's metadata generator finds them.</summary>
public static class AppFunctions
{
    private static readonly Lazy<IReadOnlyDictionary<string, MethodInfo>> All = new(() =>
        typeof(CandleFunctionsOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal));

    /// <summary>Every function by name.</summary>
    public static IReadOnlyDictionary<string, MethodInfo> Methods => All.Value;

    /// <summary>The function <paramref name="name"/>.</summary>
    public static MethodInfo Find(string name) =>
        Methods.TryGetValue(name, out var method) ? method : throw new InvalidOperationException($"The app has no function '{name}'.");
}
