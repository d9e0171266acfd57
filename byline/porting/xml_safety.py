"""The rules a WXR file is read under, and the words for what is wrong with one.

defusedxml's rules: no entity declarations and no external references, so no "billion
laughs" and no reading /etc/passwd through an entity. guarded_expat() applies them to an
expat parser; Prolog applies them to the part of a file before its first element, the
only place a document type declaration (and so an entity) can be; explain() turns any
refusal or XML error into a WXRError that says what to do, with the line.

Dependency direction: wxr.py imports this module; this module imports nothing of Byline's.
"""

from __future__ import annotations

import pyexpat
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.common import ExternalReferenceForbidden


class WXRError(Exception):
    """The file cannot be imported; the message says why and, when known, on which line."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        if line:
            message = f"Line {line}: {message}"
        super().__init__(message)


def explain(error: Exception, line: int | None) -> WXRError:
    """Return a WXRError that tells the writer what is wrong with their file."""
    if isinstance(error, ExternalReferenceForbidden) or (
        isinstance(error, EntitiesForbidden) and (error.sysid or error.pubid)
    ):
        target = getattr(error, "sysid", None) or getattr(error, "pubid", None) or ""
        return WXRError(
            f"the file refers to an external entity ({target or 'outside the file'}). "
            "WordPress never writes those, and reading one could leak files from this "
            "server, so the file is refused. Nothing was imported.",
            line,
        )
    if isinstance(error, EntitiesForbidden):
        return WXRError(
            f"the file declares an entity (“{error.name}”). WordPress never writes those, and "
            "entities nested in each other are how “billion laughs” files exhaust a server's "
            "memory, so the file is refused. Nothing was imported.",
            line,
        )
    if isinstance(error, DTDForbidden | DefusedXmlException):
        return WXRError(f"the file uses a forbidden XML feature ({error}). Nothing was imported.")
    if isinstance(error, ParseError):
        line, column = getattr(error, "position", (line, 0))
        reason = str(error).split(":")[0]
        return WXRError(
            f"the XML breaks here (column {column}: {reason}). The file may have been cut "
            "short or edited by hand; export it again from WordPress. Nothing was imported.",
            line,
        )
    if isinstance(error, LookupError):  # <?xml encoding="…"?> names no encoding Python knows
        return WXRError(
            f"the file says its text is in an encoding this server does not know ({error}). "
            "WordPress writes UTF-8: export the file again. Nothing was imported.",
            line,
        )
    return WXRError(f"the file cannot be read: {error}. Nothing was imported.", line)


def guarded_expat():
    """Return an expat parser that refuses entities and external references (defusedxml's rules)."""
    parser = pyexpat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def entity(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)

    def unparsed_entity(name, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)

    def external_reference(context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed_entity
    parser.ExternalEntityRefHandler = external_reference
    return parser


def parse_error(error: pyexpat.ExpatError) -> ParseError:
    """Return expat's error as ElementTree's, which _explain turns into words."""
    found = ParseError(f"{pyexpat.errors.messages[error.code]}: line {error.lineno}")
    found.code, found.position = error.code, (error.lineno, error.offset)
    return found


class Prolog:
    """Check, with defusedxml's rules, the part of a file before its first element.

    Entities can only be declared in a document type declaration, which can only come
    before the first element; once that element starts, the rest needs no such guard and
    can go through ElementTree's C parser, which is several times faster than the pure
    Python parser defusedxml wraps.
    """

    def __init__(self):
        self.parser = guarded_expat()
        self.open = True
        self.parser.StartElementHandler = self._root

    def _root(self, tag, attrs):
        self.open = False
        raise _PrologDone

    def feed(self, chunk: bytes) -> None:
        if not self.open:
            return
        try:
            self.parser.Parse(chunk, False)
        except _PrologDone:
            pass
        except pyexpat.ExpatError:
            # The C parser meets the same error and reports it with its line.
            self.open = False
        except (DefusedXmlException, LookupError) as error:
            raise explain(error, self.parser.CurrentLineNumber) from None


class _PrologDone(Exception):
    pass
