import Canvas

/// The details screen's recorded charts on their own, as `hbdeck chart` prints them.
public enum ChartText {
    public static func grid(_ charts: HistoryCharts, width: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: charts.series.count * 3 + 1)
        _ = DetailsPane.drawRecorded(
            charts, range: charts.range, x: 0, y: 0, width: width, maxY: grid.height, into: &grid)
        return grid
    }
}
