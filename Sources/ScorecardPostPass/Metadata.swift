import ScorecardModel

/// Document metadata in the two forms a PDF holds it: the Info dictionary and the XMP packet.
/// Both are built from the same values, so they always agree (PDF/UA requires it).
struct DocumentInfo {
    var title: String
    var author: String
    var subject: String
    var keywords: [String]
    var creator: String
    var producer: String
    var language: String
    var date: Int64

    var keywordsText: String { keywords.joined(separator: ", ") }

    /// The PDF date string, `D:YYYYMMDDHHmmSSZ`.
    var pdfDate: String {
        let c = CivilTime(unixSeconds: date)
        return "D:" + [c.year.padded(4), c.month.padded(2), c.day.padded(2), c.hour.padded(2), c.minute.padded(2), c.second.padded(2)]
            .joined() + "Z"
    }

    /// The XMP date, `YYYY-MM-DDTHH:MM:SSZ`.
    var xmpDate: String {
        let c = CivilTime(unixSeconds: date)
        return "\(c.year.padded(4))-\(c.month.padded(2))-\(c.day.padded(2))T\(c.hour.padded(2)):\(c.minute.padded(2)):\(c.second.padded(2))Z"
    }

    /// An XMP packet (UTF-8, no padding: the file is rewritten, never edited in place) holding Dublin Core title,
    /// creator, description, subject and language, Adobe PDF keywords and producer, XMP creator
    /// tool and dates, and the PDF/UA-1 identification. Empty values are left out, as they are
    /// from the Info dictionary.
    var xmpPacket: String {
        func e(_ s: String) -> String { XML.escaped(s) }
        var properties: [String] = []
        properties.append("   <dc:format>application/pdf</dc:format>")
        if !title.isEmpty {
            properties.append("   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(e(title))</rdf:li></rdf:Alt></dc:title>")
        }
        if !author.isEmpty {
            properties.append("   <dc:creator><rdf:Seq><rdf:li>\(e(author))</rdf:li></rdf:Seq></dc:creator>")
        }
        if !subject.isEmpty {
            properties.append("   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(e(subject))</rdf:li></rdf:Alt></dc:description>")
        }
        if !keywords.isEmpty {
            let items = keywords.map { "<rdf:li>\(e($0))</rdf:li>" }.joined()
            properties.append("   <dc:subject><rdf:Bag>\(items)</rdf:Bag></dc:subject>")
        }
        if !language.isEmpty {
            properties.append("   <dc:language><rdf:Bag><rdf:li>\(e(language))</rdf:li></rdf:Bag></dc:language>")
        }
        if !keywords.isEmpty { properties.append("   <pdf:Keywords>\(e(keywordsText))</pdf:Keywords>") }
        if !producer.isEmpty { properties.append("   <pdf:Producer>\(e(producer))</pdf:Producer>") }
        if !creator.isEmpty { properties.append("   <xmp:CreatorTool>\(e(creator))</xmp:CreatorTool>") }
        properties.append("   <xmp:CreateDate>\(xmpDate)</xmp:CreateDate>")
        properties.append("   <xmp:ModifyDate>\(xmpDate)</xmp:ModifyDate>")
        properties.append("   <xmp:MetadataDate>\(xmpDate)</xmp:MetadataDate>")
        properties.append("   <pdfuaid:part>1</pdfuaid:part>")
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
                xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            \(properties.joined(separator: "\n"))
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
    }
}

/// A UTC date and time from seconds since 1970 (proleptic Gregorian calendar): the day from
/// `CalendarDate`, the time of day from the seconds left.
struct CivilTime: Equatable {
    var year, month, day, hour, minute, second: Int64

    init(unixSeconds seconds: Int64) {
        let date = CalendarDate(unixSeconds: seconds)
        let secondOfDay = seconds - date.unixMidnightUTC
        year = Int64(date.year)
        month = Int64(date.month)
        day = Int64(date.day)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }
}

extension Int64 {
    /// Decimal digits, zero-padded on the left to `width`.
    func padded(_ width: Int) -> String {
        let s = String(self)
        return String(repeating: "0", count: Swift.max(0, width - s.count)) + s
    }
}
