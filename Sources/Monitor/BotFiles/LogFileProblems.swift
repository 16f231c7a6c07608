import Foundation
import HBModel

/// Warnings and errors a bot wrote to its files, for the errors view: its log (`logs/logs_<config>.log`,
/// `YYYY-MM-DD HH:MM:SS,mmm - pid - logger - LEVEL - message`, a traceback on the lines after its record)
/// and `logs/errors.log` (its stderr, no timestamps). What MQTT also carried is shown once (`merge`).
enum LogFileProblems {
    /// The WARNING, ERROR and CRITICAL records of a log's text from `since` on, each with its traceback.
    static func records(inLog text: String, since: Double) -> [ProblemRecord] {
        var records: [ProblemRecord] = []
        var open: ProblemRecord?
        var inRecordOfInterest = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let parsed = LogLine.parse(String(line), source: .container)
            if let time = parsed.timestamp, let level = parsed.level {
                if let done = open { records.append(done) }
                open = nil
                inRecordOfInterest = level >= .warning && time >= since
                if inRecordOfInterest {
                    // The level as the line names it (CRITICAL stays CRITICAL; the parsed level folds it into error).
                    let name = String(line).components(separatedBy: " - ").dropFirst(3).first ?? level.label
                    open = ProblemRecord(time: time, level: name, logger: parsed.logger, message: parsed.message)
                }
            } else if inRecordOfInterest, !line.isEmpty {
                open?.message += "\n" + line
            }
        }
        if let done = open { records.append(done) }
        return records
    }

    /// `errors.log`: a traceback block is one ERROR record headed by its exception line (`KeyError: 'x'`);
    /// any other line is one record. They carry the time the file was last written.
    static func records(inErrorsLog text: String, writtenAt: Double) -> [ProblemRecord] {
        var records: [ProblemRecord] = []
        var block: [Substring] = []
        func flush() {
            guard let last = block.last else { return }
            records.append(
                ProblemRecord(
                    time: writtenAt, level: "ERROR", logger: "errors.log",
                    message: ([last] + block.dropLast()).joined(separator: "\n")))
            block = []
        }
        for line in text.split(separator: "\n") {
            if line.hasPrefix("Traceback (most recent call last)") {
                flush()
                block = [line]
            } else if !block.isEmpty, line.hasPrefix(" ") {
                block.append(line)
            } else if !block.isEmpty {
                block.append(line)  // the exception line ends the block
                flush()
            } else {
                records.append(
                    ProblemRecord(time: writtenAt, level: "ERROR", logger: "errors.log", message: String(line)))
            }
        }
        flush()
        return records
    }

    /// The records of the files that MQTT did not carry too (same first line within 2 s), with MQTT's, by time.
    static func merge(mqtt: [ProblemRecord], files: [ProblemRecord], keep: Int = 200) -> [ProblemRecord] {
        let extra = files.filter { file in
            !mqtt.contains { $0.headline == file.headline && abs($0.time - file.time) <= 2 }
        }
        return Array((mqtt + extra).sorted { $0.time < $1.time }.suffix(keep))
    }
}
