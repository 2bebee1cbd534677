"""Published prisoner addresses: parse, validate, format (Russian Post rules:
https://www.pochta.ru/support/post-rules/sending-requirements)."""
