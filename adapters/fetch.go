package adapters

import "context"

// FetchError is a GET that failed. It carries the URL as data, so that
// whoever handles an adapter's error learns with errors.As which URL failed,
// and that the message names it already, instead of searching the text.
type FetchError struct {
	URL string
	// Err is the fetcher's error; errors.As still finds its HTTPStatuser
	// (see IsNotFound).
	Err error
}

// Error is the fetcher's own message: the Fetcher contract has it name the
// URL already (generator/fetch's and adaptertest's do), and a second
// "fetch <url>:" would name it twice.
func (e *FetchError) Error() string { return e.Err.Error() }

func (e *FetchError) Unwrap() error { return e.Err }

// DecodeError is a body that came but is not what the vendor serves: an
// HTML error page, another format, a document without its key parts.
type DecodeError struct {
	URL string
	Err error
}

func (e *DecodeError) Error() string { return "decode " + e.URL + ": " + e.Err.Error() }

func (e *DecodeError) Unwrap() error { return e.Err }

// Get fetches url with f; a failure is a *FetchError for url.
func Get(ctx context.Context, f Fetcher, url string) ([]byte, error) {
	body, err := f.Get(ctx, url)
	if err != nil {
		return nil, &FetchError{URL: url, Err: err}
	}
	return body, nil
}

// GetDecode fetches url and decodes the body with decode. Either error
// names url once: a *FetchError, or a *DecodeError around decode's.
func GetDecode[T any](ctx context.Context, f Fetcher, url string, decode func([]byte) (T, error)) (T, error) {
	var zero T
	body, err := Get(ctx, f, url)
	if err != nil {
		return zero, err
	}
	v, err := decode(body)
	if err != nil {
		return zero, &DecodeError{URL: url, Err: err}
	}
	return v, nil
}
