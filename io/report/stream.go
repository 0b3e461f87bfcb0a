package report

import (
	"errors"
	"io"
	"iter"
)

// RowStream writes one table into a file of a Staging as batches of its
// rows come, on a goroutine of its own, so that the rows need not be held
// whole (see metrics.Stream). The file is the same as WriteRows would
// write from all the rows at once.
type RowStream[T any] struct {
	file  io.WriteCloser
	batch chan []T
	done  chan struct{}
	err   error // the writer's, once done is closed
}

// StreamRows creates the file name in s and starts writing it; the rows
// come by Push, and Close ends the table.
func StreamRows[T any](s *Staging, name string, opt CSVOptions) (*RowStream[T], error) {
	f, err := s.Create(name)
	if err != nil {
		return nil, err
	}
	r := &RowStream[T]{file: f, batch: make(chan []T, 2), done: make(chan struct{})}
	r.start(opt)
	return r, nil
}

// start starts the writer of the rows pushed.
func (r *RowStream[T]) start(opt CSVOptions) {
	rows := func(yield func(T) bool) {
		for b := range r.batch {
			for _, row := range b {
				if !yield(row) {
					return
				}
			}
		}
	}
	go func() {
		defer close(r.done)
		r.err = WriteRows(r.file, iter.Seq[T](rows), opt)
	}()
}

// errStreamEnded is Push's error after Close.
var errStreamEnded = errors.New("report: rows pushed after the table ended")

// Push hands a batch of rows to the writer, waiting while it is two
// batches behind; once the writer has failed it returns the writer's
// error.
func (r *RowStream[T]) Push(rows []T) error {
	select {
	case <-r.done:
		return r.ended()
	default:
	}
	select {
	case r.batch <- rows:
		return nil
	case <-r.done:
		return r.ended()
	}
}

// ended is Push's error once the writer is done.
func (r *RowStream[T]) ended() error {
	if r.err != nil {
		return r.err
	}
	return errStreamEnded
}

// Close ends the table, waits for the writer and closes the file (which
// the Staging then fsyncs); it returns the writer's error. A second Close
// returns the same.
func (r *RowStream[T]) Close() error {
	select {
	case <-r.done:
	default:
		close(r.batch)
		<-r.done
	}
	if err := r.file.Close(); err != nil && r.err == nil {
		r.err = err
	}
	return r.err
}
