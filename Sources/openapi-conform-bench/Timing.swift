import Foundation

/// The one timing rule every benchmark follows.
enum Timing {
    /// Median wall time of `runs` calls, after one warm-up call. The result is consumed so nothing is elided.
    static func median(_ runs: Int, _ work: () -> Int) -> Double {
        var sink = work()
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            sink &+= work()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        if sink == Int.min { print(sink) }
        times.sort()
        return times[times.count / 2]
    }
}
