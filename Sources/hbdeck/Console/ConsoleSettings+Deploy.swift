import Deploy
import Foundation

extension ConsoleSettings {
    /// The broker a deployed bot is given, the same for `hbdeck create` and the console's create dialog: its
    /// address, namespace and login (the password from HBDECK_MQTT_PASSWORD, only with a user).
    var deployBroker: DeployRequest.Broker {
        DeployRequest.Broker(
            host: mqttHost, port: mqttPort, namespace: namespace, username: mqttUser,
            password: mqttUser == nil
                ? nil : ProcessInfo.processInfo.environment["HBDECK_MQTT_PASSWORD"].map(Secret.init),
            container: brokerContainer)
    }
}
