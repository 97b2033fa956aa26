using System.Globalization;
using BenchmarkDotNet.Running;

namespace Ory.Identity.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is [PairedCreateRuns.Switch, var rounds])
        {
            PairedCreateRuns.Run(int.Parse(rounds, CultureInfo.InvariantCulture));
            return;
        }

        if (args is [RecoveryTimingRuns.Switch, var pairs, .. var store] && store.Length <= 1)
        {
            RecoveryTimingRuns.Run(int.Parse(pairs, CultureInfo.InvariantCulture), store is [var name] ? name : "memory");
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
