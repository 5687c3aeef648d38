// Package capturederr shows the err variable captured by several
// goroutines (reported) and the safe alternatives (not reported).
package capturederr

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

type Client struct{ base string }

func (c *Client) fetch(ctx context.Context, path string) ([]byte, error) {
	if path == "" {
		return nil, errors.New("empty path")
	}
	return []byte(c.base + path), nil
}

// fetchBoth assigns one err from two goroutines.
func fetchBoth(ctx context.Context, c *Client) ([]byte, []byte, error) {
	var (
		wg         sync.WaitGroup
		user, acct []byte
		err        error
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		user, err = c.fetch(ctx, "/user") // want `write to error variable err in goroutine started at capturederr.go:\d+ races with write at capturederr.go:\d+ in goroutine started at capturederr.go:\d+; give each goroutine its own error`
	}()
	go func() {
		defer wg.Done()
		acct, err = c.fetch(ctx, "/account")
	}()
	wg.Wait()
	return user, acct, err
}

// fetchBothSeparate gives each goroutine its own error.
func fetchBothSeparate(ctx context.Context, c *Client) ([]byte, []byte, error) {
	var (
		wg               sync.WaitGroup
		user, acct       []byte
		userErr, acctErr error
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		user, userErr = c.fetch(ctx, "/user")
	}()
	go func() {
		defer wg.Done()
		acct, acctErr = c.fetch(ctx, "/account")
	}()
	wg.Wait()
	return user, acct, errors.Join(userErr, acctErr)
}

// fetchGroup lets errgroup collect the first error.
func fetchGroup(ctx context.Context, c *Client) ([]byte, []byte, error) {
	g, ctx := errgroup.WithContext(ctx)
	var user, acct []byte
	g.Go(func() error {
		var err error
		user, err = c.fetch(ctx, "/user")
		return err
	})
	g.Go(func() error {
		var err error
		acct, err = c.fetch(ctx, "/account")
		return err
	})
	err := g.Wait()
	return user, acct, err
}
