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

        if (args is [AuthenticationCpuRuns.Switch, var cpuRounds, var calls])
        {
            AuthenticationCpuRuns.Run(int.Parse(cpuRounds, CultureInfo.InvariantCulture), int.Parse(calls, CultureInfo.InvariantCulture));
            return;
        }

        if (args is [PostgreSqlCreateRuns.Switch, var createRounds, var creates, .. var flags] && flags is [] or ["--sync-off"])
        {
            PostgreSqlCreateRuns.Run(int.Parse(createRounds, CultureInfo.InvariantCulture), int.Parse(creates, CultureInfo.InvariantCulture), flags is ["--sync-off"]);
            return;
        }

        if (args is [StoreCpuRuns.Switch, var storeRounds])
        {
            StoreCpuRuns.Run(int.Parse(storeRounds, CultureInfo.InvariantCulture));
            return;
        }

        if (args is [Anchor.AnchorRuns.Switch, var engine, var anchorRounds, .. var rest] && rest.Length <= 2)
        {
            Anchor.AnchorRuns.Run(engine, int.Parse(anchorRounds, CultureInfo.InvariantCulture),
                rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000,
                rest.Length > 1 ? double.Parse(rest[1], CultureInfo.InvariantCulture) : 2);
            return;
        }

        if (args is [LookupCpuRuns.Switch, var lookupRounds, var lookupCalls])
        {
            LookupCpuRuns.Run(int.Parse(lookupRounds, CultureInfo.InvariantCulture), int.Parse(lookupCalls, CultureInfo.InvariantCulture));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
