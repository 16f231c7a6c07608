import Docker
import Synchronization

/// A pull's progress summed over its layers: bytes downloaded of bytes known, layers done of layers seen.
public struct PullTally: Sendable, Equatable {
    public var layers = 0
    public var layersDone = 0
    public var bytes: Int64 = 0
    public var total: Int64 = 0

    /// Folds one line of the engine's pull stream into a running tally; safe from the stream's callback.
    final class Box: Sendable {
        private struct Layer {
            var current: Int64 = 0
            var total: Int64 = 0
            var done = false
        }
        private let layers = Mutex<[String: Layer]>([:])

        func add(_ line: PullProgress) -> PullTally {
            layers.withLock { layers in
                if let id = line.layer {
                    var layer = layers[id] ?? Layer()
                    if line.status == "Downloading", let current = line.current {
                        layer.current = current
                        layer.total = max(layer.total, line.total ?? 0)
                    }
                    if ["Download complete", "Pull complete", "Already exists"].contains(line.status ?? "") {
                        layer.done = true
                        layer.current = max(layer.current, layer.total)
                    }
                    if line.status?.hasPrefix("Pulling fs layer") == true || line.status == "Waiting" || layer.done
                        || layer.total > 0
                    {
                        layers[id] = layer
                    }
                }
                var tally = PullTally()
                for layer in layers.values {
                    tally.layers += 1
                    tally.layersDone += layer.done ? 1 : 0
                    tally.bytes += layer.current
                    tally.total += layer.total
                }
                return tally
            }
        }
    }
}
