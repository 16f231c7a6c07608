/// Which part of a container's log to read.
public struct LogOptions: Sendable, Equatable {
    public var follow = false
    /// Lines from the end to start with; nil for all.
    public var tail: Int?
    /// Unix seconds (fractions allowed), as the engine takes them.
    public var since: Double?
    public var timestamps = false
    public var stdout = true
    public var stderr = true

    public init(follow: Bool = false, tail: Int? = nil, since: Double? = nil, timestamps: Bool = false) {
        self.follow = follow
        self.tail = tail
        self.since = since
        self.timestamps = timestamps
    }

    var query: [(String, String)] {
        var query: [(String, String)] = [
            ("follow", follow ? "true" : "false"),
            ("stdout", stdout ? "true" : "false"),
            ("stderr", stderr ? "true" : "false"),
            ("timestamps", timestamps ? "true" : "false"),
            ("tail", tail.map(String.init) ?? "all"),
        ]
        if let since { query.append(("since", String(format: "%.9f", since))) }
        return query
    }
}
