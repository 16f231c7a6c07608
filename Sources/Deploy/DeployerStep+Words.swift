import Foundation

extension Deployer.Step {
    /// The step in words, for the CLI's stderr and the console's footer alike. `coarse`: the same words for a
    /// pull until a layer is done or another tenth of its bytes has come (for printing only on a change).
    public func said(coarse: Bool = false) -> String {
        switch self {
        case .checking: return "checking…"
        case .pulling(let tally) where coarse:
            return "pulling \(tally.layersDone)/\(tally.layers) \(tally.total > 0 ? tally.bytes * 10 / tally.total : 0)"
        case .pulling(let tally):
            let megabytes = { (bytes: Int64) in String(format: "%.1f MB", Double(bytes) / 1_048_576) }
            return
                "pulling: \(tally.layersDone)/\(tally.layers) layers, \(megabytes(tally.bytes)) of \(megabytes(tally.total))"
        case .checkingPassword: return "checking the password with the image's own code…"
        case .creating: return "creating the instance folder and the container…"
        case .starting: return "starting…"
        }
    }
}
