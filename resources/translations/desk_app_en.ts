<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="95"/>
        <source>Thiết lập lần đầu — tạo quản trị viên</source>
        <translation>First-time setup — create the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="96"/>
        <source>Chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên đầu tiên.</source>
        <translation>There are no accounts yet. Create the first administrator account.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="109"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="110"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="111"/>
        <source>Mật khẩu (ít nhất 8 ký tự):</source>
        <translation>Password (at least 8 characters):</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="112"/>
        <source>Nhập lại mật khẩu:</source>
        <translation>Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="113"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>FormPrinting</name>
    <message>
        <location filename="../../ui/printing.py" line="88"/>
        <source>Xem trước bản in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="102"/>
        <source>In biểu mẫu</source>
        <translation>Print form</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="107"/>
        <source>Đã gửi %1 trang tới máy in.</source>
        <translation>Sent %1 pages to the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="126"/>
        <source>Đã in xong trên «%1» (lệnh in %2, khổ %3).</source>
        <translation>Printed on “%1” (job %2, paper %3).</translation>
    </message>
</context>
<context>
    <name>IdentifyField</name>
    <message>
        <location filename="../../ui/identity_widgets.py" line="46"/>
        <source>Họ tên, số định danh — hoặc quét mã QR trên thẻ căn cước</source>
        <translation>Name, personal ID — or scan the QR code on the ID card</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="73"/>
        <source>Đăng nhập — Bộ phận Một cửa</source>
        <translation>Sign in — One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="79"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="80"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="82"/>
        <source>CHẾ ĐỘ ĐÀO TẠO — dữ liệu không gửi lên hệ thống của tỉnh</source>
        <translation>TRAINING MODE — nothing is sent to the provincial system</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="27"/>
        <source>Bộ phận Một cửa — %1</source>
        <translation>One-stop desk — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="32"/>
        <source>Tiếp nhận hồ sơ (F2)</source>
        <translation>Receive dossier (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="33"/>
        <source>Hồ sơ hôm nay (F3)</source>
        <translation>Today&apos;s dossiers (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="39"/>
        <source>CHẾ ĐỘ ĐÀO TẠO (TRAINING) — hồ sơ chỉ gửi tới máy chủ thử nghiệm</source>
        <translation>TRAINING MODE — dossiers go to the sandbox server only</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52"/>
        <source>Đăng nhập: %1 (%2)</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <source>Kho lưu trữ thiếu tệp</source>
        <translation>Files missing from the archive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71"/>
        <source>%1 tệp được hồ sơ tham chiếu không còn trong kho lưu trữ. Hãy báo quản trị viên.</source>
        <translation>%1 files referenced by dossiers are no longer in the archive. Please tell the administrator.</translation>
    </message>
</context>
<context>
    <name>PaymentBar</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="49"/>
        <source>Đang tải thông tin phí, lệ phí…</source>
        <translation>Loading fee information…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="51"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="52"/>
        <source>Chuyển khoản (VietQR)</source>
        <translation>Bank transfer (VietQR)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="54"/>
        <source>Số tham chiếu trên sao kê (chuyển khoản)</source>
        <translation>Bank statement reference (transfer)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="55"/>
        <source>Ghi nhận khoản thu</source>
        <translation>Record payment</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="56"/>
        <source>Xác nhận đã thu tiền</source>
        <translation>Confirm payment received</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="57"/>
        <source>In biên lai</source>
        <translation>Print fee receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="117"/>
        <source>Hồ sơ không phải nộp phí, lệ phí.</source>
        <translation>No fee is due for this dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="120"/>
        <source>Phí, lệ phí %1: chưa ghi nhận khoản thu.</source>
        <translation>Fee %1: no payment recorded yet.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="123"/>
        <source>Biên lai số %1: %2, đã thu (xác nhận bởi %3).</source>
        <translation>Receipt no. %1: %2, paid (confirmed by %3).</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="129"/>
        <source>Biên lai số %1: %2, chờ xác nhận đã thu tiền.</source>
        <translation>Receipt no. %1: %2, awaiting payment confirmation.</translation>
    </message>
</context>
<context>
    <name>PrefillReviewList</name>
    <message>
        <location filename="../../ui/identity_widgets.py" line="100"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="100"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="100"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="101"/>
        <source>Độ tin cậy</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="124"/>
        <source>Giá trị khác:</source>
        <translation>Other values:</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/reception_panel.py" line="65"/>
        <source>Tìm thủ tục theo tên hoặc mã (ví dụ: khai sinh, 2.000815)</source>
        <translation>Find a procedure by name or code (e.g. khai sinh, 2.000815)</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_monitor.py" line="38"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="38"/>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="38"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="38"/>
        <source>Số lần gửi</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="39"/>
        <source>Thử lại lúc</source>
        <translation>Retry at</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="39"/>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="52"/>
        <source> (đã chuyển giám sát)</source>
        <translation> (escalated to supervisor)</translation>
    </message>
</context>
<context>
    <name>QueueMonitor</name>
    <message>
        <location filename="../../ui/queue_monitor.py" line="84"/>
        <source>Hàng đợi gửi lên hệ thống tỉnh</source>
        <translation>Upload queue to the provincial system</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="96"/>
        <source>Chưa xong (mọi trạng thái trừ đã nhận)</source>
        <translation>Unfinished (every state except acknowledged)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="97"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="101"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="115"/>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="117"/>
        <source>Ghi chú cho giám sát</source>
        <translation>Note for the supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="118"/>
        <source>Chuyển giám sát</source>
        <translation>Escalate to supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="125"/>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="131"/>
        <source>Đã xem các thông báo</source>
        <translation>Mark notifications as seen</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="133"/>
        <source>Thông báo từ tỉnh</source>
        <translation>Notifications from the province</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="140"/>
        <source>Hiển thị:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="206"/>
        <source>Kết nối tỉnh: tốt</source>
        <translation>Provincial link: up</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="206"/>
        <source>Kết nối tỉnh: mất — sẽ tự gửi lại</source>
        <translation>Provincial link: down — will resend automatically</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="207"/>
        <source>Kết nối tỉnh: chưa thử</source>
        <translation>Provincial link: not tried yet</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="233"/>
        <source>Chọn một dòng để xem chi tiết.</source>
        <translation>Select a row to see its details.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="236"/>
        <source>Hồ sơ: %1</source>
        <translation>Dossier: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="237"/>
        <source>Việc: %1</source>
        <translation>Action: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="238"/>
        <source>Trạng thái: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="239"/>
        <source>Số lần gửi: %1</source>
        <translation>Attempts: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="240"/>
        <source>Tạo lúc: %1</source>
        <translation>Created at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="243"/>
        <source>Tỉnh xác nhận lúc: %1</source>
        <translation>Acknowledged by the province at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="245"/>
        <source>Tự gửi lại lúc: %1</source>
        <translation>Automatic retry at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="247"/>
        <source>Lỗi gần nhất: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="249"/>
        <source>Đã chuyển giám sát lúc %1: %2</source>
        <translation>Escalated to the supervisor at %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="251"/>
        <source>Khóa chống trùng: %1</source>
        <translation>Idempotency key: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="286"/>
        <source>Không thực hiện được: %1</source>
        <translation>Could not do it: %1</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="146"/>
        <source>Giấy tiếp nhận hồ sơ %1</source>
        <translation>Dossier receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="167"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="168"/>
        <source>In ngay (Ctrl+P)</source>
        <translation>Print now (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="169"/>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="170"/>
        <source>Xem trước bản in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="180"/>
        <source>Tệp: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="200"/>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="201"/>
        <source>Giấy tiếp nhận %1</source>
        <translation>Receipt %1</translation>
    </message>
</context>
<context>
    <name>ReceptionPanel</name>
    <message>
        <location filename="../../ui/reception_panel.py" line="144"/>
        <source>Để trống nếu chủ hồ sơ tự nộp</source>
        <translation>Leave empty if the applicant submits in person</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="145"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="147"/>
        <source>Nhận diện công dân:</source>
        <translation>Identify the citizen:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="148"/>
        <source>Họ và tên chủ hồ sơ (*):</source>
        <translation>Applicant&apos;s full name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="149"/>
        <source>Số định danh cá nhân:</source>
        <translation>Personal ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="150"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="151"/>
        <source>Số điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="152"/>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="153"/>
        <source>Người nộp thay:</source>
        <translation>Submitted on behalf by:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="158"/>
        <source>Tờ khai điện tử (điền sẵn — dòng vàng cần xác nhận)</source>
        <translation>E-form (pre-filled — confirm the yellow rows)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="169"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="173"/>
        <source>Số trang bản chính:</source>
        <translation>Pages of the original:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="175"/>
        <source>Số bản sao:</source>
        <translation>Number of copies:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="188"/>
        <source>Trang đã số hóa (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Digitised pages (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="249"/>
        <source>Đã đọc thẻ căn cước %1.</source>
        <translation>ID card %1 read.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="267"/>
        <source>Đã điền thông tin công dân %1 từ dữ liệu đã có.</source>
        <translation>Filled in citizen %1 from the data already held.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="271"/>
        <source>Có %1 công dân phù hợp: %2. Hãy nhập số định danh.</source>
        <translation>%1 citizens match: %2. Enter the personal ID number.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="275"/>
        <source>Không tìm thấy công dân; hãy nhập thông tin.</source>
        <translation>No citizen found; please enter the details.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="306"/>
        <source>Đã khôi phục %1 trang quét chưa được tiếp nhận.</source>
        <translation>Recovered %1 scanned page(s) not yet accepted.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="194"/>
        <source>Tiếp nhận hồ sơ (Ctrl+Enter)</source>
        <translation>Accept dossier (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="200"/>
        <source>Thủ tục hành chính:</source>
        <translation>Administrative procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="238"/>
        <source>Thời hạn giải quyết: %1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="336"/>
        <source>Hãy chọn thủ tục hành chính trước.</source>
        <translation>Choose the administrative procedure first.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="339"/>
        <source>Máy quét đang chạy; hãy chờ quét xong (hoặc Esc để dừng).</source>
        <translation>The scanner is running; wait until it finishes (or press Esc to stop).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="344"/>
        <source>Đang tiếp nhận hồ sơ…</source>
        <translation>Accepting the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="368"/>
        <source>Đã tiếp nhận hồ sơ %1, hẹn trả %2.</source>
        <translation>Dossier %1 accepted, result due %2.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="370"/>
        <source> Lưu ý: %1 trường tờ khai chưa được xác nhận.</source>
        <translation> Note: %1 e-form fields were not confirmed.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="398"/>
        <source>Lỗi không mong muốn, dữ liệu đã nhập vẫn còn: %1</source>
        <translation>Unexpected error; what you entered is kept: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="402"/>
        <source>Chưa tiếp nhận được hồ sơ</source>
        <translation>The dossier was not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="403"/>
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/scan_panel.py" line="150"/>
        <source>Quét (F8)</source>
        <translation>Scan (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="151"/>
        <source>Dừng (Esc)</source>
        <translation>Stop (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="152"/>
        <source>Thêm từ tệp (Insert)</source>
        <translation>Add from file (Insert)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="153"/>
        <source>Quét lại trang (F9)</source>
        <translation>Rescan page (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="159"/>
        <source>R xoay · B trang trắng · Del xóa · Ctrl+↑/↓ đổi thứ tự</source>
        <translation>R rotate · B blank page · Del delete · Ctrl+↑/↓ reorder</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="249"/>
        <source>Chưa chọn máy quét; hãy cấu hình thiết bị quét.</source>
        <translation>No scanner chosen; please configure the scanning device.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="274"/>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="284"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="287"/>
        <source>Tìm thấy %1 thiết bị</source>
        <translation>%1 device(s) found</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="314"/>
        <source>Đã quét %1 trang</source>
        <translation>%1 page(s) scanned</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="327"/>
        <source>Xong lượt quét: %1 trang; tổng %2 trang.</source>
        <translation>Batch done: %1 page(s); %2 in total.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="336"/>
        <source>Thêm trang từ tệp</source>
        <translation>Add pages from files</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="337"/>
        <source>Ảnh hoặc PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.bmp);;Tất cả (*)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.bmp);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="452"/>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="454"/>
        <source> · trắng</source>
        <translation> · blank</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Giờ nhận</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="20"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="20"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="41"/>
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="42"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="68"/>
        <source>Lỗi không mong muốn: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/sync_integration.py" line="114"/>
        <source>Đồng bộ với tỉnh (F6)</source>
        <translation>Provincial sync (F6)</translation>
    </message>
</context>
</TS>
