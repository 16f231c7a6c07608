#if canImport(Glibc)
    import Glibc
#endif

/// How many counter files the monitor keeps open. All of them stay below descriptor 1024 with room to
/// spare, because libmosquitto waits on its socket with `select`, which cannot see a higher descriptor.
enum CounterFileBudget {
    static let reserve = 256

    static func current() -> Int {
        var limit = rlimit()
        let soft =
            getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 ? Int(clamping: limit.rlim_cur) : 1024
        return max(0, min(soft, 1024) - reserve)
    }
}
