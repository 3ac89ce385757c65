"""The suggestion's signature over a body of one's own (issue 17, ``_prologue``): a person
declares the suggested function's name and parameters again as an abstract method, an
interface's or a stub (``pass``, ``...``, a ``raise``) -- another declaration of the name,
not the suggestion, whose body is not there: human. The suggestion kept whole, or its
signature with the first lines of its body, stays AI."""

from __future__ import annotations

from provenance.attribute import attribute
from provenance.index import InMemoryIndex
from provenance.model import AI, HUMAN, AddedLine, FileDiff, Snippet

SUGGESTED = """    def _main_shell_completion(
        self,
        ctx_args: cabc.MutableMapping[str, t.Any],
        prog_name: str,
        complete_var: str | None = None,
    ) -> None:
        if complete_var is None:
            complete_name = prog_name.replace("-", "_").replace(".", "_")
            complete_var = f"_{complete_name}_COMPLETE".upper()
        instruction = os.environ.get(complete_var)
        if not instruction:
            return
        rv = shell_complete(self, ctx_args, prog_name, complete_var, instruction)
        sys.exit(rv)"""

SIGNATURE = SUGGESTED.split("\n")[:6]


def _origins(text: str) -> list[str]:
    idx = InMemoryIndex()
    idx.add("s", Snippet(SUGGESTED, "fence", "python", exchange_id="ex-s"))
    diff = FileDiff("cli/base.py", added=tuple(
        AddedLine(n + 1, t) for n, t in enumerate(text.split("\n"))), status="A")
    return [o.origin for o, line in zip(attribute([diff], idx), text.split("\n"), strict=True)
            if line.strip()]


def test_the_signature_over_a_stub_body_is_human() -> None:
    text = "\n".join(["    @abstractmethod", *SIGNATURE, "        pass  # pragma: no cover"])
    assert set(_origins(text)) == {HUMAN}


def test_the_signature_over_a_raise_is_human() -> None:
    text = "\n".join([*SIGNATURE, "        raise NotImplementedError"])
    assert set(_origins(text)) == {HUMAN}


def test_the_suggestion_kept_whole_is_ai() -> None:
    assert set(_origins(SUGGESTED)) == {AI}


def test_the_signature_and_the_first_lines_of_the_body_stay_ai() -> None:
    # a part of the suggestion pasted (its opening with the body's first statement)
    text = "\n".join(SUGGESTED.split("\n")[:9])
    assert HUMAN not in _origins(text)[:6]
