' The helpers every script in tests/vbscript shares, in this one copy. The build writes each
' script, this file followed by the script's own text, into <build>/bindings/vbscript/, and
' ctest runs that (bindings/CMakeLists.txt, assemble.cmake): Wine 8's VBScript stops
' silently on ExecuteGlobal of a file's text, and its cscript does not run .wsf files.
' A script checks with Expect and Equal and ends with Finish, whose line
' "N passed, N failed" is what ctest's pass condition reads.
Option Explicit

Dim passed, failed
passed = 0
failed = 0

' Only the first 20 failures are printed (a loop of thousands of calls could print
' thousands); Finish counts them all.
Sub Expect(ok, what)
    If ok Then
        passed = passed + 1
    Else
        failed = failed + 1
        If failed <= 20 Then WScript.Echo "FAILED: " & what
    End If
End Sub

' Equal values of the same kind: a string is never equal to a number, nor a Boolean to
' anything but a Boolean; numbers compare by value (a literal -1 is an Integer, a
' property a Long).
Function Kind(x)
    Select Case VarType(x)
        Case vbString: Kind = "string"
        Case vbBoolean: Kind = "boolean"
        Case vbInteger, vbLong, vbByte, vbSingle, vbDouble, vbCurrency: Kind = "number"
        Case Else: Kind = "other " & VarType(x)
    End Select
End Function

Sub Equal(expected, actual, what)
    If IsObject(actual) Then
        Expect False, what & ": expected <" & expected & ">, got an object"
    ElseIf Kind(expected) <> Kind(actual) Then
        Expect False, what & ": expected <" & expected & "> (" & Kind(expected) & "), got <" & actual & "> (" & Kind(actual) & ")"
    Else
        Expect expected = actual, what & ": expected <" & expected & ">, got <" & actual & ">"
    End If
End Sub

' A ProfileInfo with its control characters made visible, for failure messages.
Function Show(s)
    Show = Replace(Replace(Replace(s, vbCr, "\r"), vbLf, "\n"), vbTab, "\t")
End Function

' The script's last line. VBScript under Wine ends a script silently, with exit status 0,
' at an error nobody traps: a script that did not get here has no such line, and fails.
Sub Finish()
    WScript.Echo passed & " passed, " & failed & " failed"
    If failed > 0 Then WScript.Quit 1
End Sub
