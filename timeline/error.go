package timeline

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes, which the web layer maps to HTTP statuses.
const (
	EINTERNAL = "internal"  // a fault of ours
	EINVALID  = "invalid"   // the input breaks a rule
	ENOTFOUND = "not_found" // no such event, source or page
)

// Error is a domain error with a code and a message meant for the user.
type Error struct {
	Code    string
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err: the code of an *Error, EINVALID for
// Problems, EINTERNAL for anything else, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	var ps Problems
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	case errors.As(err, &ps):
		return EINVALID
	}
	return EINTERNAL
}

// ErrorMessage returns the message of err that a user may read: the message of
// an *Error or Problems, and a generic one for anything else, whose detail is
// for the log alone.
func ErrorMessage(err error) string {
	var e *Error
	var ps Problems
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	case errors.As(err, &ps):
		return ps.Error()
	}
	return "Internal error."
}

// Problem is one mistake in an event file or a source, at a place in a file.
type Problem struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`   // 1-based; 0 when the whole file is meant
	Column int    `json:"column,omitempty"` // 1-based, in characters
	Event  string `json:"event,omitempty"`  // the id of the event concerned, if any
	// Message says what is wrong and what to do about it.
	Message string `json:"message"`
}

// Error returns the problem as "file:line:column: event "id": message".
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, max(p.Column, 1))
	}
	b.WriteString(": ")
	if p.Event != "" {
		fmt.Fprintf(&b, "event %q: ", p.Event)
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every mistake found in one load, in file order.
type Problems []*Problem

// Error returns the problems one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}
