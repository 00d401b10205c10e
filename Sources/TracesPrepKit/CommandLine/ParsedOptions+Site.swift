extension ParsedOptions {
    /// Fills the folder options that no flag gave from the site settings, so flags win. The pack is
    /// not filled here: `loadLibrary` reads it from the site file each time it loads the rules.
    mutating func takeDefaults(from site: SiteSettings) {
        inbox = inbox ?? site.inbox
        outbox = outbox ?? site.outbox
        archive = archive ?? site.archive
        failed = failed ?? site.failed
        ledger = ledger ?? site.ledger
    }
}
