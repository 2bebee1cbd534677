"""Published prisoner addresses: parse, validate, format (the order of the parts is the
one of the «Правила оказания услуг почтовой связи, постановление Правительства РФ от 15.04.2005 № 221»)."""
