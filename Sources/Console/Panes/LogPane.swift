import Canvas
import HBModel

/// The selected instance's log: level colours, search highlight, follow or paused, wrap, timestamps.
enum LogPane {
    static func draw(
        _ lines: [LogLine], name: String?, feed: LogFeedState.Status = .following, options: LogViewOptions,
        focused: Bool,
        in rect: Rect, into grid: inout CellGrid
    ) {
        let mode = options.follow ? feedMode(feed) : "paused"
        let filters =
            (options.errorsOnly ? " · errors only" : "") + (options.search.isEmpty ? "" : " · /\(options.search)")
        grid.box(
            rect,
            title:
                "Logs · \(name ?? "—") · \(mode) · \(NumberText.grouped(Double(lines.count), decimals: 0)) lines\(filters)",
            role: focused ? .title : .border)
        let inner = rect.inner
        guard inner.height > 0, inner.width > 4 else { return }
        // Scrolling counts log lines, not screen rows, so that a jump lands on its line with wrap on too.
        // Format from the newest line back, only as many as the pane needs.
        var rendered: [[(String, StyleRole)]] = []
        var skipped = 0
        for line in lines.reversed() where options.shows(line) {
            if skipped < options.scroll {
                skipped += 1
                continue
            }
            rendered.insert(contentsOf: format(line, options: options, width: inner.width), at: 0)
            if rendered.count >= inner.height { break }
        }
        for (i, segments) in rendered.suffix(inner.height).enumerated() {
            var x = inner.x
            for (text, role) in segments {
                x = drawHighlighted(
                    text, search: options.search, x: x, y: inner.y + i, role: role, maxX: inner.x + inner.width,
                    into: &grid)
            }
        }
    }

    /// What the title says of a followed log: never "following" when the pane is not current.
    static func feedMode(_ status: LogFeedState.Status) -> String {
        switch status {
        case .following, .idle: return "following"
        case .behind(let seconds): return "behind \(Formatting.duration(seconds: seconds))"
        case .ended: return "ended"
        case .unavailable: return "unavailable, retrying"
        case .noContainer: return "no container"
        }
    }

    /// One log line as screen rows of (text, role) segments.
    static func format(_ line: LogLine, options: LogViewOptions, width: Int) -> [[(String, StyleRole)]] {
        var prefix: [(String, StyleRole)] = []
        if options.timestamps, let time = line.timestamp { prefix.append((NumberText.clock(time) + " ", .dim)) }
        if let level = line.level { prefix.append((TextWidth.pad(level.label, to: 5) + " ", StateStyle.role(level))) }
        if line.source == .errorsFile { prefix.append(("errors.log ", .stateError)) }
        if !line.logger.isEmpty { prefix.append((shortLogger(line.logger) + "  ", .dim)) }
        let role = line.level == .error ? StyleRole.logError : line.level == .warning ? .logWarning : .text
        let prefixWidth = prefix.reduce(0) { $0 + TextWidth.of($1.0) }
        guard options.wrap, prefixWidth < width - 10 else {
            return [prefix + [(line.message, role)]]
        }
        var rows: [[(String, StyleRole)]] = []
        var rest = Substring(line.message)
        var first = true
        repeat {
            let room = width - (first ? prefixWidth : 2)
            var piece = ""
            var used = 0
            while let c = rest.first, used + TextWidth.of(c) <= room {
                piece.append(c)
                used += TextWidth.of(c)
                rest = rest.dropFirst()
            }
            rows.append(first ? prefix + [(piece, role)] : [("  ", .dim), (piece, role)])
            first = false
        } while !rest.isEmpty
        return rows
    }

    static func shortLogger(_ logger: String) -> String {
        String(logger.split(separator: ".").last ?? Substring(logger))
    }

    private static func drawHighlighted(
        _ text: String, search: String, x: Int, y: Int, role: StyleRole, maxX: Int, into grid: inout CellGrid
    ) -> Int {
        guard !search.isEmpty, let range = text.range(of: search, options: .caseInsensitive) else {
            return grid.put(text, x: x, y: y, role: role, maxX: maxX)
        }
        var at = grid.put(String(text[..<range.lowerBound]), x: x, y: y, role: role, maxX: maxX)
        at = grid.put(String(text[range]), x: at, y: y, role: .highlight, maxX: maxX)
        return drawHighlighted(
            String(text[range.upperBound...]), search: search, x: at, y: y, role: role, maxX: maxX, into: &grid)
    }
}
