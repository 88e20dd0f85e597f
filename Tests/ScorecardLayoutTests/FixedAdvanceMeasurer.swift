import ScorecardLayout

/// A measurer for layout tests: every character advances `advance x size` (bold a little wider),
/// lines break greedily at spaces and at "\n". No fonts, no cairo.
struct FixedAdvanceMeasurer: TextMeasurer {
    var advance = 0.5
    var boldAdvance = 0.6

    func charWidth(_ run: TextRun, _ style: TextStyle) -> Double {
        style.size.points * ((run.bold || style.bold) ? boldAdvance : advance)
    }

    func lines(_ text: StyledText, style: TextStyle, width: Length?) -> [LineBox] {
        // Characters with the run they came from.
        var chars: [(Character, TextRun)] = []
        for run in text.runs { for c in run.text { chars.append((c, run)) } }
        var result: [LineBox] = []
        var hardLines: [[(Character, TextRun)]] = [[]]
        for item in chars {
            if item.0 == "\n" { hardLines.append([]) } else { hardLines[hardLines.count - 1].append(item) }
        }
        for hard in hardLines {
            var start = 0
            while start < hard.count || (start == 0 && hard.isEmpty) {
                var end = hard.count
                if let width {
                    var w = 0.0, lastSpace: Int? = nil, i = start
                    while i < hard.count {
                        w += charWidth(hard[i].1, style)
                        if hard[i].0 == " " { lastSpace = i }
                        if w > width.points, i > start {
                            end = lastSpace.map { $0 > start ? $0 : i } ?? i
                            break
                        }
                        i += 1
                    }
                }
                result.append(box(Array(hard[start..<end]), style))
                start = end
                while start < hard.count, hard[start].0 == " " { start += 1 }
                if hard.isEmpty { break }
            }
        }
        return result
    }

    func box(_ chars: [(Character, TextRun)], _ style: TextStyle) -> LineBox {
        var trimmed = chars
        while trimmed.last?.0 == " " { trimmed.removeLast() }
        var runs: [PositionedRun] = []
        var x = 0.0
        for (c, run) in trimmed {
            let w = charWidth(run, style)
            if var last = runs.last, last.run.hasSameStyle(as: run) {
                last.run.text.append(c); last.width += .pt(w); runs[runs.count - 1] = last
            } else {
                var r = run; r.text = String(c)
                runs.append(PositionedRun(run: r, x: .pt(x), width: .pt(w)))
            }
            x += w
        }
        return LineBox(runs: runs, width: .pt(x))
    }

    func metrics(_ style: TextStyle) -> FontMetrics {
        FontMetrics(ascent: style.size * 0.8, descent: style.size * 0.2)
    }
}
