"""What a network runs on credbot in its groups and channels: rights, the network's catalogue,
digests and statistics. Transport-independent: the Telegram adapter supplies what only Telegram
can tell (a member's rights) through the ports defined here."""
