import Foundation

public struct PostPassInput: Sendable {
    public var language: String
    public var title: String
    public var author: String
    public var subject: String
    public var creator: String
    public var keywords: [String]
    public var date: Int64
    public var headerScopes: [String]
    public var figureAlternates: [String]
    public init(language: String, title: String, author: String, subject: String, creator: String,
                keywords: [String], date: Int64, headerScopes: [String], figureAlternates: [String] = []) {
        self.language = language; self.title = title; self.author = author; self.subject = subject
        self.creator = creator; self.keywords = keywords; self.date = date; self.headerScopes = headerScopes
        self.figureAlternates = figureAlternates
    }
}
