"""CWE names for the weaknesses the rule packs report (MITRE CWE list, short names)."""

from __future__ import annotations

CWE_NAMES: dict[int, str] = {
    20: "Improper Input Validation",
    22: "Path Traversal",
    78: "OS Command Injection",
    79: "Cross-site Scripting (XSS)",
    89: "SQL Injection",
    90: "LDAP Injection",
    94: "Code Injection",
    95: "Eval Injection",
    113: "HTTP Response Splitting",
    117: "Improper Output Neutralization for Logs",
    209: "Information Exposure Through an Error Message",
    215: "Insertion of Sensitive Information Into Debugging Code",
    258: "Empty Password in Configuration File",
    259: "Use of Hard-coded Password",
    295: "Improper Certificate Validation",
    306: "Missing Authentication for Critical Function",
    319: "Cleartext Transmission of Sensitive Information",
    321: "Use of Hard-coded Cryptographic Key",
    326: "Inadequate Encryption Strength",
    327: "Use of a Broken or Risky Cryptographic Algorithm",
    328: "Use of Weak Hash",
    329: "Generation of Predictable IV with CBC Mode",
    330: "Use of Insufficiently Random Values",
    338: "Use of Cryptographically Weak PRNG",
    347: "Improper Verification of Cryptographic Signature",
    377: "Insecure Temporary File",
    400: "Uncontrolled Resource Consumption",
    502: "Deserialization of Untrusted Data",
    601: "Open Redirect",
    605: "Multiple Binds to the Same Port",
    611: "XML External Entity (XXE) Reference",
    643: "XPath Injection",
    730: "Regular Expression Denial of Service / Injection",
    732: "Incorrect Permission Assignment for Critical Resource",
    760: "Use of a One-Way Hash with a Predictable Salt",
    776: "XML Entity Expansion",
    798: "Use of Hard-coded Credentials",
    916: "Use of Password Hash With Insufficient Computational Effort",
    918: "Server-Side Request Forgery (SSRF)",
    1327: "Binding to an Unrestricted IP Address",
}


def cwe_name(cwe: int | None) -> str:
    if cwe is None:
        return ""
    return CWE_NAMES.get(cwe, f"CWE-{cwe}")
CWE_NAMES.update({
    614: "Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",
})
